import { describe, expect, it } from 'vitest';
import { compileFlow } from '../compiler/compile-flow';
import { draftOf } from '../testing/flow-with';
import { nodeCheck, nodeProblems } from '../testing/node-problems';

describe('update-ticket', () => {
  it('refuses an update that changes nothing', () => {
    // The ticket is named literally so the only problem is the empty change.
    expect(nodeProblems('update-ticket', { ticket: '{{ticket.id}}' })).toEqual(nodeCheck('/status'));
  });
  it('needs the ticket variable set before it, by default the one create-ticket sets', () => {
    const start = { type: 'conversation-started' };
    const update = { type: 'update-ticket', config: { status: 'pending' } };
    const create = { type: 'create-ticket', config: { subject: 'Call back' } };
    expect(compileFlow(draftOf({ start, create, update }, ['start>create', 'create>update'])).ok).toBe(true);
    expect(compileFlow(draftOf({ start, update }, ['start>update']))).toEqual({
      ok: false,
      problems: [expect.objectContaining({ code: 'variable-not-set', nodeId: 'update', field: '/ticket' })],
    });
  });
});
