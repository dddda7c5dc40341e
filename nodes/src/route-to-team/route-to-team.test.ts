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
