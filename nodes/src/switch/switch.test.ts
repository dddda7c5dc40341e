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

describe('switch why-trace', () => {
  it('records each case checked with the values it saw, the cases not checked, and why the others were not taken', async () => {
    const config = {
      cases: [
        { port: 'vip', label: 'VIP', when: { all: [{ fact: 'contact', path: '$.tags', operator: 'contains', value: 'vip' }] } },
        { port: 'chat', label: 'Chat', when: when('web') },
        { port: 'mail', label: 'Mail', when: when('email') },
      ],
    };
    const { result } = await fakeRun(switchNode, config, { facts: { channel: 'web', contact: { tags: ['new'] } } });
    expect(result.port).toBe('chat');
    expect(result.why).toEqual({
      kind: 'switch',
      cases: [
        {
          port: 'vip',
          label: 'VIP',
          result: false,
          rule: {
            match: 'all',
            result: false,
            conditions: [{ fact: 'contact', path: '$.tags', operator: 'contains', value: 'vip', saw: ['new'], result: false }],
          },
        },
        {
          port: 'chat',
          label: 'Chat',
          result: true,
          rule: {
            match: 'all',
            result: true,
            conditions: [{ fact: 'channel', operator: 'equal', value: 'web', saw: 'web', result: true }],
          },
        },
        { port: 'mail', label: 'Mail', result: null },
      ],
      notTaken: [
        { port: 'vip', reason: 'rule-false' },
        { port: 'mail', reason: 'earlier-case-matched' },
        { port: 'default', reason: 'a-case-matched' },
      ],
    });
  });

  it('takes default with every case false, and keeps a long fact value small', async () => {
    const long = 'x'.repeat(500);
    const { result } = await fakeRun(switchNode, { cases: [{ port: 'a', label: 'A', when: when('email') }] }, {
      facts: { channel: long },
    });
    expect(result.port).toBe('default');
    const why = result.why as Extract<typeof result.why, { kind: 'switch' }>;
    const seen = why.cases[0]?.rule?.conditions[0];
    expect(seen && 'saw' in seen ? seen.saw : null).toBe(`${'x'.repeat(80)}…`);
    expect(why.notTaken).toEqual([{ port: 'a', reason: 'rule-false' }]);
  });

  it('shares one comparison budget between its cases, counting what it left out', async () => {
    const many = { any: Array.from({ length: 15 }, (_, i) => ({ fact: 'channel', operator: 'equal', value: `c${i}` })) };
    const config = { cases: [{ port: 'a', label: 'A', when: many }, { port: 'b', label: 'B', when: many }] };
    const { result } = await fakeRun(switchNode, config, { facts: { channel: 'web' } });
    const why = result.why as Extract<typeof result.why, { kind: 'switch' }>;
    expect(why.cases.map((c) => [c.rule?.conditions.length, c.rule?.omitted])).toEqual([
      [15, undefined],
      [9, 6],
    ]);
    expect(JSON.stringify(why).length).toBeLessThan(4000);
  });
});
