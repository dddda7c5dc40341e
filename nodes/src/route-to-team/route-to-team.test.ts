import { describe, expect, it } from 'vitest';
import { nodeCheck, nodeProblems } from '../testing/node-problems';
import { fakeRun } from '../testing/fake-run';
import { routeToTeam } from '.';

describe('route-to-team', () => {
  it('refuses skills routing without skills', () => {
    expect(nodeProblems('route-to-team', { teamId: 'support', strategy: 'skills' })).toEqual(nodeCheck('/skills'));
  });
  it('takes "no agent" at once when nobody can be offered the chat', async () => {
    const run = await fakeRun(routeToTeam, { teamId: 'support' }, { activities: { offerToTeam: () => ({ noAgent: true }) } });
    expect(run.result.port).toBe('no-agent');
  });
  it('waits for acceptance, and times out', async () => {
    const offer = { offerToTeam: () => ({ offerId: 'o1' }) };
    expect((await fakeRun(routeToTeam, { teamId: 's' }, { activities: offer, acceptance: { agentId: 'a7' } })).result.port).toBe(
      'assigned',
    );
    expect((await fakeRun(routeToTeam, { teamId: 's' }, { activities: offer, acceptance: null })).result.port).toBe('timeout');
  });
});

describe('route-to-team why-trace', () => {
  const candidates = [
    { agentId: 'a1', name: 'Li', outcome: 'offline', load: 0, maxConcurrent: 3 },
    { agentId: 'a2', name: 'Wang', outcome: 'full', load: 3, maxConcurrent: 3 },
    { agentId: 'a3', name: 'Zhao', outcome: 'lacks-skill', load: 0, maxConcurrent: 3, missingSkills: ['billing'] },
    { agentId: 'a4', name: 'Qian', outcome: 'chosen', load: 1, maxConcurrent: 3 },
  ] as const;

  it('records the candidates routing passed over and who accepted, from the offer the activity made', async () => {
    const offer = { offerToTeam: () => ({ offerId: 'o1', routing: { candidates, offeredTo: 'a4' } }) };
    const run = await fakeRun(routeToTeam, { teamId: 'support', strategy: 'skills', skills: ['billing'] }, {
      activities: offer,
      acceptance: { agentId: 'a4' },
    });
    // One offer, no second look at the team for the trace.
    expect(run.calls.filter((c) => c.name === 'offerToTeam')).toHaveLength(1);
    expect(run.result).toMatchObject({
      port: 'assigned',
      why: { kind: 'routing', teamId: 'support', strategy: 'skills', skills: ['billing'], candidates, offeredTo: 'a4', acceptedBy: 'a4' },
    });
  });

  it('says why nobody was offered it, and how long it waited when nobody accepted', async () => {
    const none = { offerToTeam: () => ({ noAgent: true, routing: { candidates: candidates.slice(0, 3), noAgent: 'nobody-eligible' } }) };
    const noAgent = await fakeRun(routeToTeam, { teamId: 'support' }, { activities: none });
    expect(noAgent.result).toMatchObject({ port: 'no-agent', why: { noAgent: 'nobody-eligible', candidates: candidates.slice(0, 3) } });
    // An offer recorded before why-traces carries no candidates: the step still says what happened.
    const old = await fakeRun(routeToTeam, { teamId: 'support', timeoutMinutes: 2 }, {
      activities: { offerToTeam: () => ({ offerId: 'o1' }) },
      acceptance: null,
    });
    expect(old.result).toMatchObject({ port: 'timeout', why: { kind: 'routing', candidates: [], waitedMinutes: 2 } });
    const oldNoAgent = await fakeRun(routeToTeam, { teamId: 'support' }, { activities: { offerToTeam: () => ({ noAgent: true }) } });
    expect(oldNoAgent.result.why).toMatchObject({ noAgent: 'nobody-eligible' });
  });
});
