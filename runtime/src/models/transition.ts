import type { Model, QueryFilter, UpdateQuery } from 'mongoose';

/**
 * Moves one document from a state to the next: `update` applies only if the document still matches
 * `filter` (its current state), and the answer says whether this call made the move. Of concurrent
 * transitions from the same state exactly one wins; the others get null ("lost the race") and must
 * not act as if they had made it.
 *
 * A single-document conditional write is atomic on MongoDB, and on the embedded store thanks to its
 * write guard (store/stale-write-guard.ts). The filter is the whole contract: name in it every field
 * whose value the move depends on (`status: 'offered'`, `'assignee.agentId': { $exists: false }`).
 */
export async function transition<T>(
  model: Model<T>,
  filter: QueryFilter<T>,
  update: UpdateQuery<T>,
): Promise<(T & { _id: unknown }) | null> {
  return (await model.findOneAndUpdate(filter, update, { returnDocument: 'after' }).lean()) as
    (T & { _id: unknown }) | null;
}
