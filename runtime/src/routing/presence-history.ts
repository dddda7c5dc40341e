import { insertUnique, transition, type Models, type Presence } from '../models';
import { openKeyOf } from '../models/presence-span';

/**
 * Keeps an agent's online spans (PresenceSpan) in step with their presence: online opens a span,
 * away or offline closes the open one. Both are single race-safe writes: an open is an insert the
 * unique `openKey` refuses while a span is open (online twice, two racing requests: one span), a
 * close is a transition from open (two racing closes: one sets `to`). Its seconds are rolled up
 * into the online-time KPI once closed (presence-facts.ts).
 */
export async function recordPresence(
  models: Models,
  workspaceId: string,
  userId: string,
  presence: Presence,
  at = new Date(),
): Promise<void> {
  if (presence === 'online') await openPresenceSpan(models, workspaceId, userId, at);
  else await closePresenceSpan(models, workspaceId, userId, at);
}

/** Opens a span from `at` unless one is open; answers whether this call opened it. */
export async function openPresenceSpan(models: Models, workspaceId: string, userId: string, at: Date) {
  const span = await insertUnique(models.PresenceSpan, {
    workspaceId,
    userId,
    from: at,
    openKey: openKeyOf(workspaceId, userId),
  });
  return span !== null;
}

/** Closes the agent's open span at `at` (no earlier than it began); answers whether this call closed one. */
export async function closePresenceSpan(models: Models, workspaceId: string, userId: string, at: Date) {
  const key = openKeyOf(workspaceId, userId);
  const open = await models.PresenceSpan.findOne({ workspaceId, openKey: key }, { from: 1 }).lean();
  if (!open) return false;
  const to = open.from > at ? open.from : at;
  const closed = await transition(
    models.PresenceSpan,
    { _id: open._id, workspaceId, openKey: key },
    // The key is given up for the span's own id: unique, so the next span can open.
    { $set: { to, openKey: `closed:${String(open._id)}` } },
  );
  return closed !== null;
}
