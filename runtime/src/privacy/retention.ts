import type { Model, Types } from 'mongoose';
import type { ErasedCounts } from '@kefu/schemas/api';
import type { Models } from '../models';
import { walkList } from '../lists/walk-list';
import { eraseConversation, eraseRun, eraseTicket, Tally } from './erase';

type Row = Record<string, unknown> & { _id: Types.ObjectId; seq: number };

const DAY_MS = 24 * 60 * 60_000;
/** Items one list's pass reads at most: one activity call stays short and heartbeats are not needed. */
export const SWEEP_BATCH = 100;

interface SweptList {
  /** The key of its cursor in the workspace's `retentionCursors`. */
  key: string;
  model: (m: Models) => Model<unknown>;
  list: string;
  /** When the item was made: the list's order, and what the period is counted from. */
  made: (row: Row) => Date;
  /** Past the period and done with: a closed conversation, a solved ticket, an ended run. */
  finished: (row: Row) => boolean;
  erase: (models: Models, workspaceId: Types.ObjectId, row: Row, tally: Tally) => Promise<void>;
}

/**
 * What the retention period deletes, each list read oldest first by its page keys (lists/walk-list.ts).
 * Survey responses, deliveries, notes and read marks go with their conversation, ticket events with
 * their ticket, run steps with their run. Simulations are in no list and are not swept (the designer
 * keeps its own). Contacts stay: a returning customer is still known; "delete this contact" removes
 * one. KPI rollups (KpiBucket, FunnelBucket) and their ledger (KpiEvent) stay: they hold counts,
 * durations and the ids of conversations, tickets and agents, never a customer's name, contact
 * details or words, so the dashboard's past months keep their figures after the history behind them
 * is gone (their drill-down lists then show fewer items).
 */
const LISTS: SweptList[] = [
  {
    key: 'conversations',
    model: (m) => m.Conversation as unknown as Model<unknown>,
    list: 'conversations',
    made: (r) => r.createdAt as Date,
    finished: (r) => r.status === 'closed',
    erase: (models, ws, row, tally) => eraseConversation(models, ws, row._id, tally),
  },
  {
    key: 'tickets',
    model: (m) => m.Ticket as unknown as Model<unknown>,
    list: 'tickets',
    made: (r) => r.createdAt as Date,
    finished: (r) => r.status === 'solved' || r.status === 'closed',
    erase: (models, ws, row, tally) => eraseTicket(models, ws, row._id, tally),
  },
  {
    key: 'runs',
    model: (m) => m.FlowRun as unknown as Model<unknown>,
    list: 'runs',
    made: (r) => r.startedAt as Date,
    finished: (r) => r.status !== 'running',
    erase: (models, ws, row, tally) =>
      eraseRun(models, ws, { _id: row._id, runId: String(row.runId) }, tally),
  },
];

/** Where a sweep has got in each list: null once the list is done for this sweep. */
export type SweepPositions = Record<string, { at: number; held: boolean } | null>;

export interface SweepResult {
  /** Another call (with `positions`) has more to do. */
  more: boolean;
  positions: SweepPositions;
  erased: ErasedCounts;
}

/**
 * One bounded pass of a workspace's retention sweep: in each list, up to SWEEP_BATCH items from
 * where the sweep got (`positions`, or the stored cursor at its start), deleting those made before
 * the period and finished, ending the list at the first one made within the period. The stored
 * cursor moves only over what is deleted, so an interrupted sweep reads it again; a sweep with
 * nothing past the period reads a page per list and deletes nothing. An old item not finished yet
 * (a conversation still open) holds its list's stored cursor until a later sweep deletes it, so the
 * items read again behind it are those few.
 */
export async function sweepRetention(
  models: Models,
  workspaceId: string,
  positions: SweepPositions = {},
  now = new Date(),
): Promise<SweepResult> {
  const workspace = await models.Workspace.findOne(
    { _id: workspaceId },
    { retentionDays: 1, retentionCursors: 1 },
  ).lean();
  const days = workspace?.retentionDays;
  if (!workspace || !days) return { more: false, positions: {}, erased: {} };
  const cutoff = now.getTime() - days * DAY_MS;
  const cursors = (workspace.retentionCursors ?? {}) as Record<string, number>;
  const tally = new Tally();
  const next: SweepPositions = {};
  for (const swept of LISTS) {
    const pos = positions[swept.key];
    if (pos === null) {
      next[swept.key] = null;
      continue;
    }
    const stored = cursors[swept.key] ?? 0;
    let at = pos?.at ?? stored;
    let held = pos?.held ?? false;
    const page = await walkList<Row>({
      model: swept.model(models),
      workspaceId,
      list: swept.list,
      order: 1,
      limit: SWEEP_BATCH,
      ...(at ? { after: at } : {}),
    });
    let done = page.next === null;
    let cursor = held ? stored : at;
    for (const row of page.items) {
      if (swept.made(row).getTime() >= cutoff) {
        done = true;
        break;
      }
      if (swept.finished(row)) await swept.erase(models, workspace._id, row, tally);
      else held = true;
      at = row.seq;
      if (!held) cursor = at;
    }
    if (!done && page.next !== null) {
      at = Math.max(at, page.next);
      if (!held) cursor = at;
    }
    if (cursor > stored)
      await models.Workspace.updateOne(
        { _id: workspaceId },
        { $set: { [`retentionCursors.${swept.key}`]: cursor } },
      );
    next[swept.key] = done ? null : { at, held };
  }
  return { more: Object.values(next).some((p) => p !== null), positions: next, erased: tally.counts };
}

/** The workspaces with a retention period: the one read of the whole (small) collection a day. */
export async function workspacesWithRetention(models: Models): Promise<string[]> {
  const found = await models.Workspace.find({ retentionDays: { $gt: 0 } }, { _id: 1 }).lean();
  return found.map((w) => String(w._id));
}
