import { describe, expect, it } from 'vitest';
import { nodeCheck, nodeProblems } from '../testing/node-problems';
import { fakeRun } from '../testing/fake-run';
import { switchNode } from '.';

const when = (value: string) => ({ all: [{ fact: 'channel', operator: 'equal', value }] });

describe('switch', () => {
  it('refuses two cases with one port name', () => {
    const config = { cases: [{ port: 'web', label: 'Web', when: when('web') }, { port: 'web', label: 'Again', when: when('api') }] };
    expect(nodeProblems('switch', config)).toEqual(nodeCheck('/cases/1/port'));
  });
  it('refuses a case named like the default port', () => {
    expect(nodeProblems('switch', { cases: [{ port: 'default', label: 'D', when: when('web') }] })).toEqual(
      nodeCheck('/cases/0/port'),
    );
  });
  it('takes the first matching case, else default', async () => {
    const config = { cases: [{ port: 'mail', label: 'Mail', when: when('email') }, { port: 'chat', label: 'Chat', when: when('web') }] };
    expect((await fakeRun(switchNode, config, { facts: { channel: 'web' } })).result.port).toBe('chat');
    expect((await fakeRun(switchNode, config, { facts: { channel: 'api' } })).result.port).toBe('default');
  });
});
