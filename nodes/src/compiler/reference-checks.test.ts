import { describe, expect, it } from 'vitest';
import { flowWith } from '../testing/flow-with';
import { compileFlow } from './compile-flow';
import { referencesOf } from './reference-checks';

const workspace = { teams: new Set(['support']), agents: new Set(['64b000000000000000000001']) };
const problems = (type: string, config: Record<string, unknown>) => {
  const result = compileFlow(flowWith(type, config), { workspace });
  return result.ok ? [] : result.problems.map(({ code, nodeId, field }) => ({ code, nodeId, field }));
};
const missing = (field: string) => [{ code: 'unknown-reference', nodeId: 'n', field }];

describe('team and agent references', () => {
  it("names a route step's missing team by node and field", () => {
    expect(problems('route-to-team', { teamId: 'vip-desk' })).toEqual(missing('/teamId'));
    expect(problems('route-to-team', { teamId: 'support' })).toEqual([]);
  });
  it("names an escalation's missing team", () => {
    expect(problems('escalate', { teamId: 'supervisors' })).toEqual(missing('/teamId'));
    expect(problems('escalate', {})).toEqual([]);
  });
  it("names a created ticket's missing team and agent", () => {
    expect(problems('create-ticket', { subject: 'Call back', teamId: 'gone' })).toEqual(missing('/teamId'));
    expect(
      problems('create-ticket', { subject: 'Call back', assigneeId: '64b000000000000000000002' }),
    ).toEqual(missing('/assigneeId'));
    expect(
      problems('create-ticket', {
        subject: 'Call back',
        teamId: 'support',
        assigneeId: '64b000000000000000000001',
      }),
    ).toEqual([]);
  });
  it('checks nothing without a workspace (templates, seeds)', () => {
    expect(compileFlow(flowWith('route-to-team', { teamId: 'vip-desk' })).ok).toBe(true);
  });
  it('lists what a draft names, for the API to look up', () => {
    expect(
      referencesOf(flowWith('create-ticket', { subject: 'x', teamId: 'support', assigneeId: 'a1' })),
    ).toEqual([
      { nodeId: 'n', field: '/teamId', kind: 'team', id: 'support' },
      { nodeId: 'n', field: '/assigneeId', kind: 'agent', id: 'a1' },
    ]);
    expect(referencesOf({ nonsense: true })).toEqual([]);
  });
});
