import type { RoutingStrategy } from '@kefu/nodes';

/** An agent as routing sees them: a team member joined with their profile. */
export interface Candidate {
  userId: string;
  presence: 'online' | 'away' | 'offline';
  /** Open offers plus accepted conversations. */
  load: number;
  maxConcurrent: number;
  skills: readonly string[];
  /** Epoch ms of the last offer made to them; absent if never. Breaks least-loaded ties by turns. */
  lastOfferedAt?: number;
}

export interface RoutingRequest {
  strategy: RoutingStrategy;
  /** Required skills: an agent must have every one (whatever the strategy). */
  skills: readonly string[];
  /** Agents who already passed on this conversation. */
  exclude?: readonly string[];
}

export interface Choice {
  agent: Candidate;
  /** Round-robin only: where the next turn starts. */
  nextCursor?: number;
}

/**
 * Picks who gets the conversation. Pure: the same members, request and cursor give the same
 * answer, which the routing tests rely on. `members` is in the team's order; `cursor` is the
 * team's stored round-robin position.
 */
export function chooseAgent(members: readonly Candidate[], request: RoutingRequest, cursor = 0): Choice | null {
  const ok = (c: Candidate) => canTakeMore(c) && hasSkills(c, request.skills) && !request.exclude?.includes(c.userId);
  if (request.strategy === 'round-robin') {
    const n = members.length;
    for (let i = 0; i < n; i++) {
      const at = (((cursor + i) % n) + n) % n;
      const agent = members[at] as Candidate;
      if (ok(agent)) return { agent, nextCursor: (at + 1) % n };
    }
    return null;
  }
  // least-loaded, and skills (which differs only in that its compiler insists on skills).
  const agent = leastLoaded(members.filter(ok));
  return agent ? { agent } : null;
}

/** Only online agents below their capacity get new work. */
export function canTakeMore(c: Candidate): boolean {
  return c.presence === 'online' && c.load < c.maxConcurrent;
}

export function hasSkills(c: Candidate, required: readonly string[]): boolean {
  return required.every((s) => c.skills.includes(s));
}

/**
 * Fewest open chats; ties go to whoever waited longest for an offer (so equally idle agents take
 * turns instead of the first one getting everything), then to the team's order, so the answer
 * never depends on how the database returned the rows.
 */
function leastLoaded(candidates: readonly Candidate[]): Candidate | undefined {
  let best: Candidate | undefined;
  for (const c of candidates) if (!best || before(c, best)) best = c;
  return best;
}

function before(a: Candidate, b: Candidate): boolean {
  if (a.load !== b.load) return a.load < b.load;
  return (a.lastOfferedAt ?? -1) < (b.lastOfferedAt ?? -1);
}
