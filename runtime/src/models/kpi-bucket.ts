import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { growsWithHistory } from './query-audit';
import { tenantScoped } from './tenant-scope';

/**
 * One workspace's service KPIs for one day (in the workspace's time zone): `_id`
 * `<workspaceId>:<YYYY-MM-DD>`. `dims` holds the day's sums per dimension value — `all`,
 * `channel:<web|email|api>`, `flow:<flowId>:<version>`, `team:<id>`, `agent:<id>`, `split:<flowId>:<version>:<nodeId>:<port>` — each an object of
 * counters and histograms (docs/analytics.md). Written only by `$inc` from the KPI ledger
 * (kpi-record.ts); `pending` holds the ids of ledger entries applied here whose ledger entry may not
 * yet say so, so an entry applied twice counts once. Read a month at a time (`month`).
 */
export const kpiBucketSchema = new Schema(
  {
    _id: { type: String, required: true },
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    day: { type: String, required: true },
    /** `<workspaceId>:<YYYY-MM>`: a range's buckets are one equality lookup per month. */
    month: { type: String, required: true },
    dims: { type: Schema.Types.Mixed, default: () => ({}) },
    pending: { type: Schema.Types.Mixed },
  },
  { versionKey: false, minimize: false },
);
kpiBucketSchema.plugin(tenantScoped);
kpiBucketSchema.plugin(growsWithHistory);
kpiBucketSchema.index({ workspaceId: 1, month: 1 });

export type KpiBucketDoc = InferSchemaType<typeof kpiBucketSchema>;
export const kpiBucketModel = (conn: Connection) => conn.model('KpiBucket', kpiBucketSchema, 'kpibuckets');

/**
 * The KPI ledger: every event that contributes to the rollups (a conversation came in, was first
 * answered, resolved, rated…), once per (kind, entity) — its `_id` is derived from that pair, so a
 * retried activity or a re-sent event finds the entry there and adds nothing. It carries its
 * increments, so an entry whose writer stopped before applying them (`due`) is applied by the
 * sweep (kpi-record.ts).
 */
export const kpiEventSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, required: true },
    entityId: { type: String, required: true },
    bucket: { type: String, required: true },
    day: { type: String, required: true },
    /** The increments, as a list: their paths hold dots, which document keys may not. */
    inc: [{ _id: false, path: { type: String, required: true }, n: { type: Number, required: true } }],
    /** `due` until the increments are in the bucket; a string so the few due are one key lookup. */
    due: { type: String },
    /** The insert batch that recorded it with others (recordKpiBatch), so they are cleared in one write. */
    batch: { type: Schema.Types.ObjectId },
    /** `funnel`: its bucket is a FunnelBucket (absent: a KpiBucket). */
    rollup: { type: String },
    /** What the next event of the same entity reads (a run's funnel: the nodes it has passed). */
    carry: { type: Schema.Types.Mixed },
    /** When its applier took it: the sweep takes an entry only after this is REAPPLY_AFTER_MS old. */
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
kpiEventSchema.plugin(tenantScoped);
kpiEventSchema.plugin(growsWithHistory);
kpiEventSchema.index({ due: 1 });
kpiEventSchema.index({ workspaceId: 1, due: 1 });
kpiEventSchema.index({ batch: 1 });
/** A day's entries of one kind, by equality: the drill-down from a figure (analytics/kpi-items.ts). */
kpiEventSchema.index({ bucket: 1, kind: 1 });

export type KpiEventDoc = InferSchemaType<typeof kpiEventSchema>;
export const kpiEventModel = (conn: Connection) => conn.model('KpiEvent', kpiEventSchema, 'kpievents');
