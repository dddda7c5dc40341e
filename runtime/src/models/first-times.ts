import type { Model } from 'mongoose';

/**
 * Sets a "first time" field (a conversation's firstResponseAt, firstResolvedAt, reopenedAt) unless it
 * is set already: the KPIs count the first of each, and a later one must not move it.
 */
export async function markFirst(
  model: Model<never>,
  scope: { _id: unknown; workspaceId: unknown },
  field: 'firstResponseAt' | 'firstResolvedAt' | 'reopenedAt',
  at: Date,
): Promise<void> {
  await model.updateOne(
    { ...scope, [field]: { $exists: false } } as never,
    { $set: { [field]: at } } as never,
  );
}
