import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { growsWithHistory } from './query-audit';
import { tenantScoped } from './tenant-scope';

/**
 * One flow version's funnel for the runs that started on one day (workspace time zone): `_id`
 * `<workspaceId>:<flowId>:<version>:<YYYY-MM-DD>`. `runs` counts the runs; `nodes.<node key>` holds
 * per node `entered` (visits), `runs` (runs that entered it at least once), `left.<port key>`,
 * `finished` / `stopped` / `failed` (runs that ended there: at a node with no way on, at one with a
 * way on, by a failure), `waiting` (runs waiting there now) and `time.<bin>` (kpi-histogram.ts).
 * Keys are escaped (funnel-record.ts). Written only by `$inc` through the KPI ledger (kpi-record.ts,
 * `rollup: 'funnel'`), so a retried flush counts once; read a month at a time (`month`).
 */
export const funnelBucketSchema = new Schema(
  {
    _id: { type: String, required: true },
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    day: { type: String, required: true },
    /** `<workspaceId>:<flowId>:<version>:<YYYY-MM>`: a range is one equality lookup per month. */
    month: { type: String, required: true },
    runs: { type: Number },
    nodes: { type: Schema.Types.Mixed },
    pending: { type: Schema.Types.Mixed },
  },
  { versionKey: false, minimize: false },
);
funnelBucketSchema.plugin(tenantScoped);
funnelBucketSchema.plugin(growsWithHistory);
funnelBucketSchema.index({ workspaceId: 1, month: 1 });

export type FunnelBucketDoc = InferSchemaType<typeof funnelBucketSchema>;
export const funnelBucketModel = (conn: Connection) =>
  conn.model('FunnelBucket', funnelBucketSchema, 'funnelbuckets');
