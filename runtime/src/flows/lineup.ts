import type { Models } from '../models';
import type { EntryFilter } from '@kefu/schemas/api';
import { changeFromRead, upsertOnce } from '../models';

/** A live flow as the lineup orders it. */
export interface LiveRow {
  _id: unknown;
  name: string;
  activeVersion: number;
  activatedAt?: Date | null;
  entry?: EntryFilter | null;
}

type Stores = Pick<Models, 'Flow' | 'FlowLineup'>;

/**
 * The trigger's live flows in the order they are tried: as placed in the lineup, then the ones
 * never placed, first published first (a newly published flow goes last until the owner moves it).
 * A workspace has a handful of flows per trigger: one key lookup each.
 */
export async function liveInOrder(models: Stores, workspaceId: string, trigger: string): Promise<LiveRow[]> {
  const [live, lineup] = await Promise.all([
    liveFlows(models, workspaceId, trigger),
    models.FlowLineup.findOne({ workspaceId, trigger }, { order: 1 }).lean(),
  ]);
  return ordered(live, lineup?.order ?? []);
}

async function liveFlows(models: Stores, workspaceId: string, trigger: string): Promise<LiveRow[]> {
  const rows = await models.Flow.find(
    { workspaceId, trigger, activeVersion: { $exists: true } },
    { _id: 1, name: 1, activeVersion: 1, activatedAt: 1, entry: 1 },
  ).lean();
  return rows.filter((r): r is typeof r & { activeVersion: number } => !!r.activeVersion) as LiveRow[];
}

export function ordered(live: LiveRow[], order: readonly string[]): LiveRow[] {
  const rank = new Map(order.map((id, i) => [id, i]));
  const place = (f: LiveRow) => rank.get(String(f._id)) ?? Number.MAX_SAFE_INTEGER;
  const at = (f: LiveRow) => f.activatedAt?.getTime() ?? 0;
  return [...live].sort(
    (a, b) => place(a) - place(b) || at(a) - at(b) || String(a._id).localeCompare(String(b._id)),
  );
}

/**
 * Moves one live flow to `position` (clamped to the end) in its trigger's lineup. Decided on the
 * stored order and written only if that order is still the one read (changeFromRead), so of two
 * owners moving flows at once both moves land, the second on top of the first.
 * Null when the flow is not live on that trigger.
 */
export async function moveInLineup(
  models: Stores,
  workspaceId: string,
  trigger: string,
  flowId: string,
  position: number,
): Promise<LiveRow[] | null> {
  // The lineup document exists before it is changed from a read; created once, by whoever is first.
  if (!(await models.FlowLineup.exists({ workspaceId, trigger })))
    await upsertOnce(() =>
      models.FlowLineup.updateOne(
        { workspaceId, trigger },
        { $setOnInsert: { order: [] } },
        { upsert: true },
      ),
    );
  const changed = await changeFromRead(models.FlowLineup, { workspaceId, trigger }, async (current) => {
    const rows = ordered(await liveFlows(models, workspaceId, trigger), current.order ?? []);
    const from = rows.findIndex((r) => String(r._id) === flowId);
    if (from < 0) return { update: null, result: null };
    const [moving] = rows.splice(from, 1);
    rows.splice(Math.min(position, rows.length), 0, moving!);
    return { update: { $set: { order: rows.map((r) => String(r._id)) } }, result: rows };
  });
  return changed?.result ?? null;
}
