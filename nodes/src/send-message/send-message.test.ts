import { describe, expect, it } from 'vitest';
import { nodeCheck, nodeProblems } from '../testing/node-problems';
import { fakeRun } from '../testing/fake-run';
import { sendMessage } from '.';

describe('send-message', () => {
  it('refuses two quick replies with the same text', () => {
    const config = { text: 'Pick one', quickReplies: [{ label: 'Yes' }, { label: 'yes ' }] };
    expect(nodeProblems('send-message', config)).toEqual(nodeCheck('/quickReplies/1/label'));
  });
  it('sends the rendered text with its buttons', async () => {
    const run = await fakeRun(sendMessage, { text: 'Hi {{contact.name}}', quickReplies: [{ label: 'Orders' }] }, {
      facts: { contact: { name: 'Mei' } },
    });
    expect(run.calls).toEqual([{ name: 'sendMessage', input: { text: 'Hi Mei', quickReplies: [{ label: 'Orders' }] } }]);
    expect(run.result.port).toBe('next');
  });
});
