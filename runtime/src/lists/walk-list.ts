import type { Model } from 'mongoose';
import { headOf } from '../models/list-head';
import { listId, listKeySpecOf, ORDINALS_PER_PAGE, pendingKey, settle } from '../models/list-keys';

/**
 * One page of a list that grows without bound (all tickets, all contacts, the audit log), read by
 * its page keys (models/list-keys.ts): from the head down for newest first, from the start up for
 * oldest first. Each read is one equality lookup of at most 32 documents, so a page costs the same
 * with a thousand or a million items behind it.
 *
 * Filters that are no key are applied to what the pages hold, reading at most `budget` page keys
 * per request. A page can then come back short with a `next` that goes on where the reading
 * stopped: the caller says so ("searching older…"), rather than reading the tenant's history.
 */
export interface Walk<T> {
  model: Model<unknown>;
  workspaceId: string;
  /** The list's name (a sequence of the model), e.g. `tickets`, `runs@<flowId>`. */
  list: string;
  /** Which of the model's sequences it is in: by its page field; the model's first by default. */
  pageField?: string;
  /** -1 newest first, 1 oldest first. */
  order: 1 | -1;
  limit: number;
  /** The ordinal the previous page stopped at (exclusive). */
  after?: number;
  match?: (row: T) => boolean;
  /**
   * Newest first: rows past which nothing can match (older than a `from` date). The walk ends at
   * the first page key whose rows are all past.
   */
  past?: (row: T) => boolean;
  /** Page keys read at most; 16 by default (512 documents). */
  budget?: number;
}

export interface WalkPage<T> {
  items: T[];
  /** Where the next page starts, or null at the end of the list. */
  next: number | null;
  /** The last row read, matching or not: how far the reading got, for "searched back to …". */
  reached: T | null;
}

export const WALK_BUDGET = 16;
/** Page keys read at once: parallel lookups, but not a burst that crowds other requests out. */
const AT_ONCE = 4;

export async function walkList<T extends Record<string, unknown>>(walk: Walk<T>): Promise<WalkPage<T>> {
  const { model, workspaceId, order, limit, match, past } = walk;
  const sequence = sequenceOf(model, walk.pageField);
  const id = listId(workspaceId, walk.list);
  if (walk.after === undefined) await settlePending(model, workspaceId, id, sequence.page);
  const head = await headOf(model.db, id);
  const budget = walk.budget ?? WALK_BUDGET;
  const ordinal = (row: T) => row[sequence.seq] as number;

  // The first ordinal this page may hold, and the bucket it is in.
  const from = walk.after === undefined ? (order < 0 ? head : 1) : walk.after + order;
  let bucket = Math.floor(from / ORDINALS_PER_PAGE);
  const last = Math.floor(head / ORDINALS_PER_PAGE);
  const items: T[] = [];
  let reached: T | null = null;
  let read = 0;
  let ended = false;

  while (!ended && items.length <= limit && read < budget) {
    const wanted = read === 0 ? Math.min(budget, Math.ceil((limit + 1) / ORDINALS_PER_PAGE) + 1) : AT_ONCE;
    const buckets: number[] = [];
    for (let b = bucket; buckets.length < Math.min(wanted, budget - read) && b >= 0 && b <= last; b += order)
      buckets.push(b);
    if (!buckets.length) {
      ended = true;
      break;
    }
    const pages = await Promise.all(
      buckets.map((b) => model.find({ workspaceId, [sequence.page]: `${id}:${b}` }).lean<T[]>()),
    );
    for (const rows of pages) {
      read++;
      bucket += order;
      const inRange = rows
        .filter((r) => (order < 0 ? ordinal(r) <= from : ordinal(r) >= from))
        .sort((a, b) => (ordinal(a) - ordinal(b)) * order);
      for (const row of inRange) {
        reached = row;
        if (match && !match(row)) continue;
        items.push(row);
        if (items.length > limit) break;
      }
      if (items.length > limit) break;
      if (past && inRange.length && inRange.every(past)) {
        ended = true;
        break;
      }
    }
    if (bucket < 0 || bucket > last) ended = true;
  }

  if (items.length > limit) {
    const page = items.slice(0, limit);
    return { items: page, next: ordinal(page.at(-1)!), reached };
  }
  if (ended) return { items, next: null, reached };
  // Out of budget: go on from the edge of the last page key read.
  const edge = order < 0 ? (bucket + 1) * ORDINALS_PER_PAGE : bucket * ORDINALS_PER_PAGE - 1;
  return { items, next: edge, reached };
}

function sequenceOf(model: Model<unknown>, pageField?: string) {
  const { sequences } = listKeySpecOf(model);
  const sequence = pageField ? sequences.find((s) => s.page === pageField) : sequences[0];
  if (!sequence) throw new Error(`${model.modelName} has no list keyed by ${pageField ?? 'a page field'}`);
  return sequence;
}

/** Items whose writer stopped before they got their ordinal (an upsert's): give it them now. */
async function settlePending(
  model: Model<unknown>,
  workspaceId: string,
  id: string,
  page: string,
): Promise<void> {
  const waiting = await model.find({ workspaceId, [page]: pendingKey(id) }).lean<Record<string, unknown>[]>();
  for (const doc of waiting) await settle(model, listKeySpecOf(model).sequences, doc as never);
}
