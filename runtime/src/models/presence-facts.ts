import { dayIn } from './kpi-noted';
import type { FactContext } from './kpi-facts';
import type { KpiEvent } from './kpi-record';

type Doc = Record<string, unknown> & { _id: unknown; workspaceId: unknown };

/** Whole seconds since the epoch: spans and handling times are counted in whole seconds, so sums add exactly. */
export const epochSeconds = (at: Date | string | number) => Math.floor(new Date(at).getTime() / 1000);

/**
 * The seconds of [from, to) (epoch seconds) that fall on each day of `timeZone`, split at its
 * midnights: `[{ day, seconds }]`, days in order, none empty.
 */
export function secondsByDay(timeZone: string, from: number, to: number): { day: string; seconds: number }[] {
  const parts: { day: string; seconds: number }[] = [];
  let at = from;
  while (at < to) {
    const day = dayIn(timeZone, new Date(at * 1000));
    // The day's end: the first second on another day, found by halving (a day is at most 25 hours).
    let lo = at;
    let hi = at + 26 * 3600;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (dayIn(timeZone, new Date(mid * 1000)) === day) lo = mid;
      else hi = mid;
    }
    const end = Math.min(hi, to);
    parts.push({ day, seconds: end - at });
    at = end;
  }
  return parts;
}

/**
 * Online time: a closed presence span (presence-span.ts) adds its seconds to the workspace and its
 * agent, each day's part on that day (in the workspace's zone) as an event of its own
 * (`presence.online.<day>`), so a span across midnight counts on both days and each part once.
 * An open span adds nothing yet: its seconds count when the agent leaves online.
 */
export async function presenceFacts(span: Doc, ctx: FactContext): Promise<KpiEvent[]> {
  if (!span.to || !span.from) return [];
  const workspaceId = String(span.workspaceId);
  const zone = await ctx.zoneOf(workspaceId);
  const agent = `agent:${String(span.userId)}`;
  return secondsByDay(zone, epochSeconds(span.from as Date), epochSeconds(span.to as Date)).map(
    ({ day, seconds }) => ({
      workspaceId,
      kind: `presence.online.${day}`,
      entityId: String(span._id),
      day,
      inc: { 'dims.all.onlineSeconds': seconds, [`dims.${agent}.onlineSeconds`]: seconds },
    }),
  );
}
