import { describe, expect, it } from 'vitest';
import { compileFlow } from './compile-flow';
import { draftOf } from '../testing/flow-with';

const start = { type: 'conversation-started' };
const say = { type: 'send-message', config: { text: 'Hi' } };

describe('loop checks', () => {
  it('refuses a loop that never waits', () => {
    const result = compileFlow(draftOf({ start, a: say, b: say }, ['start>a', 'a>b', 'b>a']));
    expect(result).toEqual({
      ok: false,
      problems: [expect.objectContaining({ code: 'loop-without-wait', nodeId: 'a', field: '/ports/next' })],
    });
  });

  it('refuses a node looping onto itself', () => {
    const result = compileFlow(draftOf({ start, a: say }, ['start>a', 'a>a']));
    expect(result).toEqual({
      ok: false,
      problems: [expect.objectContaining({ code: 'loop-without-wait', nodeId: 'a', field: '/ports/next' })],
    });
  });

  it('accepts a loop through a node that waits for the customer', () => {
    const wait = { type: 'wait-for-reply' };
    expect(compileFlow(draftOf({ start, a: say, w: wait }, ['start>a', 'a>w', 'w.received>a'])).ok).toBe(true);
  });

  it('accepts a loop through a timer', () => {
    const timer = { type: 'wait', config: { amount: 5 } };
    expect(compileFlow(draftOf({ start, a: say, t: timer }, ['start>a', 'a>t', 't>a'])).ok).toBe(true);
  });

  it('refuses a loop through the port of a node that answers at once (route-to-team "no agent")', () => {
    const route = { type: 'route-to-team', config: { teamId: 'sales' } };
    const bye = { type: 'end' };
    const result = compileFlow(
      draftOf({ start, r: route, sorry: say, bye }, ['start>r', 'r.no-agent>sorry', 'sorry>r', 'r.timeout>bye']),
    );
    expect(result).toEqual({
      ok: false,
      problems: [expect.objectContaining({ code: 'loop-without-wait', nodeId: 'r', field: '/ports/no-agent' })],
    });
  });

  it('accepts the same loop through the port that waits for an agent (timeout)', () => {
    const route = { type: 'route-to-team', config: { teamId: 'sales' } };
    const bye = { type: 'end' };
    const result = compileFlow(
      draftOf({ start, r: route, sorry: say, bye }, ['start>r', 'r.timeout>sorry', 'sorry>r', 'r.no-agent>bye']),
    );
    expect(result.ok).toBe(true);
  });
});
