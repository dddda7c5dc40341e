import { WHY_LIMITS, type RoutingCandidate } from '@kefu/schemas';
import { canTakeMore, hasSkills, type Candidate, type RoutingRequest } from './choose-agent';

/**
 * Each member of the team as routing saw them, and why they were passed over (or `chosen`), for
 * the route-to-team step's why-trace. Pure, from the same members and request `chooseAgent` was
 * given; `raced` are agents found full when their slot was claimed. Capped to WHY_LIMITS.candidates,
 * the chosen agent always kept.
 */
export function explainChoice(
  members: readonly Candidate[],
  request: RoutingRequest,
  chosen: string | null,
  raced: readonly string[] = [],
): { candidates: RoutingCandidate[]; candidatesMore?: number } {
  const all = members.map((c): RoutingCandidate => {
    const missing = request.skills.filter((s) => !c.skills.includes(s));
    return {
      agentId: c.userId,
      outcome: outcomeOf(c, request, chosen, raced),
      load: c.load,
      maxConcurrent: c.maxConcurrent,
      ...(missing.length ? { missingSkills: missing.slice(0, WHY_LIMITS.list) } : {}),
    };
  });
  if (all.length <= WHY_LIMITS.candidates) return { candidates: all };
  const pick = all.filter((c) => c.outcome === 'chosen');
  const rest = all.filter((c) => c.outcome !== 'chosen').slice(0, WHY_LIMITS.candidates - pick.length);
  const candidates = all.filter((c) => pick.includes(c) || rest.includes(c));
  return { candidates, candidatesMore: all.length - candidates.length };
}

function outcomeOf(
  c: Candidate,
  request: RoutingRequest,
  chosen: string | null,
  raced: readonly string[],
): RoutingCandidate['outcome'] {
  if (c.userId === chosen) return 'chosen';
  if (raced.includes(c.userId)) return 'full';
  if (request.exclude?.includes(c.userId)) return 'declined';
  if (c.presence !== 'online') return c.presence;
  if (!hasSkills(c, request.skills)) return 'lacks-skill';
  if (!canTakeMore(c)) return 'full';
  // Eligible, and someone else was picked: by turn in round-robin, else by load.
  return request.strategy === 'round-robin' ? 'not-their-turn' : 'busier';
}
