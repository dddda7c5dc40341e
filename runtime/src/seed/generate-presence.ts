import type { Models } from '../models';
import { openKeyOf } from '../models/presence-span';
import { closePresenceSpan, openPresenceSpan } from '../routing/presence-history';
import { seededRandom } from './generate-month';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface SpanPlan {
  agent: number;
  from: number;
  to: number;
}

/**
 * The agents' online spans of a generated month, drawn from a PRNG stream of their own (adding
 * them left the conversations unchanged): most days each agent works one shift starting between
 * 01:00 and 14:00 UTC, 4 to 9 hours long, often with a break (away) in the middle, so many shifts
 * cross midnight in an eastern zone (16:00 UTC is midnight in Shanghai). Shifts end before the
 * next day's could begin, so an agent's spans never overlap.
 */
export function planPresence(options: {
  agents: number;
  start: string;
  days: number;
  seed?: number;
}): SpanPlan[] {
  const rand = seededRandom((options.seed ?? 17) + 0x0e11);
  const start = Date.parse(`${options.start}T00:00:00Z`);
  const spans: SpanPlan[] = [];
  for (let d = 0; d < options.days; d++)
    for (let agent = 0; agent < options.agents; agent++) {
      if (rand() < 0.15) continue; // a day off
      const from = start + d * 24 * HOUR + HOUR + Math.floor(rand() * 13 * HOUR);
      const to = from + 4 * HOUR + Math.floor(rand() * 5 * HOUR);
      if (rand() < 0.5) {
        const breakAt = from + Math.floor((to - from) * (0.3 + rand() * 0.4));
        const back = breakAt + 15 * MINUTE + Math.floor(rand() * 45 * MINUTE);
        spans.push({ agent, from, to: breakAt }, { agent, from: back, to });
      } else spans.push({ agent, from, to });
    }
  return spans;
}

/**
 * Writes the spans: the first `played` day's as the product does (going online, then away or
 * offline: presence-history.ts, the models' update hook marks each closed span), the rest as
 * closed spans through insertMany (the rollups' batch path).
 */
export async function writePresence(
  models: Models,
  workspaceId: string,
  agents: string[],
  spans: SpanPlan[],
  playedBefore: number,
): Promise<void> {
  const played = spans.filter((s) => s.from < playedBefore);
  for (const s of played) {
    const userId = agents[s.agent]!;
    await openPresenceSpan(models, workspaceId, userId, new Date(s.from));
    await closePresenceSpan(models, workspaceId, userId, new Date(s.to));
  }
  const batch = spans
    .filter((s) => s.from >= playedBefore)
    .map((s, k) => ({
      workspaceId,
      userId: agents[s.agent]!,
      from: new Date(s.from),
      to: new Date(s.to),
      // Closed: a key of its own (an open span's key is the agent's, presence-span.ts).
      openKey: `closed:generated:${openKeyOf(workspaceId, agents[s.agent]!)}:${k}`,
    }));
  for (let k = 0; k < batch.length; k += 500) await models.PresenceSpan.insertMany(batch.slice(k, k + 500));
}
