import { describe, expect, it } from 'vitest';
import { chooseAgent, type Candidate, type RoutingRequest } from './choose-agent';

const agent = (userId: string, over: Partial<Candidate> = {}): Candidate => ({
  userId,
  presence: 'online',
  load: 0,
  maxConcurrent: 3,
  skills: [],
  ...over,
});

/**
 * Plays a stream of offers against a team: each chosen agent's load goes up (the offer reserves a
 * slot), and after each offer the oldest open chats end until at most `keepOpen` are left (the
 * agents' starting loads count as the oldest chats). Returns who got how many, the refusals and
 * the highest load each agent reached.
 */
function simulate(team: Candidate[], request: RoutingRequest, offers: number, keepOpen = Infinity) {
  const members = team.map((c) => ({ ...c }));
  const counts = new Map(members.map((m) => [m.userId, 0]));
  const open: Candidate[] = members.flatMap((m) => Array.from({ length: m.load }, () => m));
  let cursor = 0;
  let refused = 0;
  let peak = new Map(members.map((m) => [m.userId, 0]));
  for (let i = 0; i < offers; i++) {
    const choice = chooseAgent(members, request, cursor);
    if (!choice) refused += 1;
    else {
      choice.agent.load += 1;
      choice.agent.lastOfferedAt = i;
      expect(choice.agent.load).toBeLessThanOrEqual(choice.agent.maxConcurrent);
      peak.set(choice.agent.userId, Math.max(peak.get(choice.agent.userId)!, choice.agent.load));
      counts.set(choice.agent.userId, counts.get(choice.agent.userId)! + 1);
      open.push(choice.agent);
      if (choice.nextCursor !== undefined) cursor = choice.nextCursor;
    }
    while (open.length > keepOpen) (open.shift() as Candidate).load -= 1;
  }
  peak = new Map([...peak].sort());
  return { counts: [...counts.values()], refused, peak };
}

describe('chooseAgent', () => {
  it('least-loaded: equally idle agents take turns when every chat ends at once', () => {
    const team = ['a', 'b', 'c', 'd'].map((id) => agent(id));
    const { counts, refused } = simulate(team, { strategy: 'least-loaded', skills: [] }, 3001, 0);
    expect(refused).toBe(0);
    expect(counts).toEqual([751, 750, 750, 750]);
  });

  it('least-loaded: over many offers the busier agents catch up, and the spread stays within their head start', () => {
    const team = [agent('a', { load: 2, maxConcurrent: 6 }), agent('b', { maxConcurrent: 6 }), agent('c', { load: 1, maxConcurrent: 6 })];
    // Five chats stay open: loads stay in motion, so the choice is not trivially "whoever is idle".
    const { counts, refused } = simulate(team, { strategy: 'least-loaded', skills: [] }, 3000, 5);
    expect(refused).toBe(0);
    expect(counts.reduce((x, y) => x + y)).toBe(3000);
    // b started 2 behind a and 1 behind c: it gets at most that many more than them.
    expect(counts[1]! - counts[0]!).toBeLessThanOrEqual(2);
    expect(counts[1]! - counts[2]!).toBeLessThanOrEqual(1);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(2);
  });

  it('least-loaded always picks an agent with the fewest open chats', () => {
    const team = [agent('a', { load: 2 }), agent('b', { load: 1 }), agent('c', { load: 2 })];
    expect(chooseAgent(team, { strategy: 'least-loaded', skills: [] })?.agent.userId).toBe('b');
  });

  it('round-robin takes turns in team order from the stored cursor, and wraps', () => {
    const team = ['a', 'b', 'c'].map((id) => agent(id, { maxConcurrent: 2000 }));
    const { counts } = simulate(team, { strategy: 'round-robin', skills: [] }, 3001);
    expect(counts).toEqual([1001, 1000, 1000]);
    expect(chooseAgent(team, { strategy: 'round-robin', skills: [] }, 2)).toMatchObject({ agent: { userId: 'c' }, nextCursor: 0 });
    // A cursor from a team that has since shrunk still lands on a member.
    expect(chooseAgent(team, { strategy: 'round-robin', skills: [] }, 7)?.agent.userId).toBe('b');
  });

  it('round-robin skips a full or offline agent without losing the others their turn', () => {
    const team = [agent('a'), agent('b', { load: 3 }), agent('c', { presence: 'offline' }), agent('d')];
    const first = chooseAgent(team, { strategy: 'round-robin', skills: [] }, 1);
    expect(first).toMatchObject({ agent: { userId: 'd' }, nextCursor: 0 });
    expect(chooseAgent(team, { strategy: 'round-robin', skills: [] }, first!.nextCursor)?.agent.userId).toBe('a');
  });

  it('never exceeds capacity: once everyone is full, nobody is offered more', () => {
    const team = [agent('a', { maxConcurrent: 2 }), agent('b', { maxConcurrent: 3 }), agent('c', { maxConcurrent: 0 })];
    for (const strategy of ['least-loaded', 'round-robin', 'skills'] as const) {
      const { counts, refused, peak } = simulate(team, { strategy, skills: [] }, 50);
      expect(counts).toEqual([2, 3, 0]);
      expect(refused).toBe(45);
      expect([...peak.values()]).toEqual([2, 3, 0]);
    }
  });

  it('skills match: only agents with every required skill, least-loaded among them', () => {
    const team = [
      agent('en', { skills: ['english'] }),
      agent('both-busy', { skills: ['english', 'billing'], load: 2 }),
      agent('both', { skills: ['billing', 'english', 'refunds'], load: 1 }),
      agent('billing', { skills: ['billing'] }),
    ];
    const request = { strategy: 'skills', skills: ['english', 'billing'] } as const;
    expect(chooseAgent(team, request)?.agent.userId).toBe('both');
    const { counts } = simulate(team, request, 100);
    expect(counts).toEqual([0, 1, 2, 0]);
    expect(chooseAgent(team, { strategy: 'skills', skills: ['german'] })).toBeNull();
    // Required skills bind the other strategies too.
    expect(chooseAgent(team, { strategy: 'round-robin', skills: ['refunds'] })?.agent.userId).toBe('both');
  });

  it('skips offline and away agents, and agents who already passed on the conversation', () => {
    const team = [agent('off', { presence: 'offline' }), agent('away', { presence: 'away' }), agent('on', { load: 2 }), agent('passed')];
    for (const strategy of ['least-loaded', 'round-robin', 'skills'] as const)
      expect(chooseAgent(team, { strategy, skills: [], exclude: ['passed'] })?.agent.userId).toBe('on');
    expect(chooseAgent(team.slice(0, 2), { strategy: 'least-loaded', skills: [] })).toBeNull();
    expect(chooseAgent([], { strategy: 'round-robin', skills: [] })).toBeNull();
  });
});
