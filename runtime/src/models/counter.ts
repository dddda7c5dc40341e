import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * One shard of a counter (`_id` `<key>#<shard>`); the counter's value is the sum of its shards'
 * `n`. Writers spread over the shards, so one busy counter is not one hot document. `ops` holds the
 * latest operation ids applied to this shard, so an addition retried after a crash counts once
 * (counters.ts). Not tenant-scoped by a workspaceId field: keys start with the workspace id.
 */
export const counterSchema = new Schema(
  {
    _id: { type: String, required: true },
    key: { type: String, required: true },
    n: { type: Number, required: true, default: 0 },
    ops: { type: [String], default: [] },
  },
  { versionKey: false },
);
counterSchema.index({ key: 1 });

export type CounterDoc = InferSchemaType<typeof counterSchema>;
export const counterModel = (conn: Connection) => conn.model('Counter', counterSchema, 'counters');

/**
 * Inserts that still owe their counts (counted.ts): written before the insert, deleted once the
 * counts are added. One left behind means its writer stopped; the repair adds what it owes.
 */
export const countIntentSchema = new Schema(
  {
    /** The insert's token: the inserted documents carry it as `insertToken`. */
    _id: { type: Schema.Types.ObjectId, required: true },
    model: { type: String, required: true },
    items: [
      {
        _id: false,
        id: { type: Schema.Types.Mixed, required: true },
        workspaceId: { type: String, required: true },
        counts: { type: [String], default: [] },
      },
    ],
    /** The workspaces its items are in: a workspace's count repair finds them by key. */
    workspaces: { type: [String], default: [] },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
countIntentSchema.index({ workspaces: 1 });

export type CountIntentDoc = InferSchemaType<typeof countIntentSchema>;
export const countIntentModel = (conn: Connection) =>
  conn.model('CountIntent', countIntentSchema, 'countintents');
