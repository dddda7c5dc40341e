import { Schema, Types, type Connection, type Model, type Query } from 'mongoose';
import { insertedItems, isDocument, setOn, type BatchUpdate } from './batch-items';
import type { FactContext } from './kpi-facts';
import { recordKpiBatch, recordKpiEvent, sweepKpiEvents, type KpiEvent } from './kpi-record';
import { QueryAuditError } from './query-audit';
import { ACROSS_TENANTS, MissingTenantScopeError } from './tenant-scope';

/**
 * Keeps the KPI rollups (kpi-record.ts) up to date through every write a model makes, so no route
 * or activity has to know: a write that touches a field the KPIs depend on marks the document in
 * the same write (`kpiDue`, a fresh `kpiToken`) and returns; the noting — the document read, its
 * KPI events computed (kpi-facts.ts), the ones not yet in `kpiNoted` recorded, the mark cleared if
 * no newer write moved it — is off the request path: the worker applies due documents every few
 * seconds (`applyDueKpis`, workers/src/kpi-applier.ts), and a workspace's are applied before its
 * figures are read. Recording is idempotent, so noting a document twice (two workers, the read,
 * a worker killed half way and restarted) adds nothing. Documents inserted together (insertMany:
 * a seed, an import) are still noted by the insert, as one batch (recordKpiBatch): that writer is
 * not a request. Writes that bypass the model (the raw driver, bulkWrite) are not seen.
 */
export interface KpiSpec {
  /** The top-level fields the events depend on. */
  fields: string[];
  events(
    doc: Record<string, unknown> & { _id: unknown; workspaceId: unknown },
    ctx: FactContext,
  ): Promise<KpiEvent[]>;
}

type Doc = Record<string, unknown> & {
  _id: unknown;
  workspaceId: unknown;
  kpiNoted?: string[];
  kpiToken?: unknown;
};
type AnyQuery = Query<unknown, unknown> & { model: Model<unknown> };

const specs = new WeakMap<Schema, KpiSpec>();
const UPDATES: ('updateOne' | 'updateMany' | 'findOneAndUpdate')[] = [
  'updateOne',
  'updateMany',
  'findOneAndUpdate',
];
const DUE = 'due';

export const kpiNotedFields = {
  /** The KPI events recorded for this document (kinds), so a later write computes only new ones. */
  kpiNoted: { type: [String], default: undefined },
  /** `due` from a write the KPIs depend on until its events are recorded. */
  kpiDue: { type: String },
  kpiToken: { type: Schema.Types.ObjectId },
};

export function kpiNoted(schema: Schema, spec: KpiSpec): void {
  specs.set(schema, spec);
  for (const [field, type] of Object.entries(kpiNotedFields))
    if (!schema.path(field)) schema.add({ [field]: type });
  schema.index({ kpiDue: 1 });
  schema.index({ kpiToken: 1 });

  schema.pre('save', function () {
    const doc = this as unknown as SavedDoc;
    if (doc.isNew || spec.fields.some((f) => doc.isModified(f))) {
      const token = new Types.ObjectId();
      doc.set('kpiDue', DUE);
      doc.set('kpiToken', token);
    }
  });
  // One batch token for all the documents of an insert: their events are recorded together.
  schema.pre('insertMany', function (docs: unknown) {
    const token = new Types.ObjectId();
    for (const item of insertedItems<Doc>(docs)) {
      setOn(item, 'kpiDue', DUE);
      setOn(item, 'kpiToken', token);
    }
  });
  schema.post('insertMany', async function (docs: unknown) {
    await settle(noteInserted(this as unknown as Model<unknown>, spec, docs));
  });

  schema.pre(UPDATES, { document: false, query: true }, function () {
    const query = this as unknown as AnyQuery;
    const update = query.getUpdate() as BatchUpdate | null;
    if (!update || Array.isArray(update)) return;
    const touches = spec.fields.some((f) => touchesField(update, f));
    if (!touches && !query.getOptions().upsert) return;
    const token = new Types.ObjectId();
    update.$set = { ...update.$set, kpiDue: DUE, kpiToken: token };
    query.setUpdate(update);
  });
}

/**
 * Notes the documents of one insert of many as a batch (recordKpiBatch). One alone (insertOnce: a
 * ticket, a survey answer, a request's write) is left marked, for the applier, as any write.
 */
async function noteInserted(model: Model<unknown>, spec: KpiSpec, docs: unknown): Promise<void> {
  const inserted = insertedItems<Doc>(docs).map((d) => (isDocument<Doc>(d) ? d.toObject() : d));
  const token = inserted[0]?.kpiToken as Types.ObjectId | undefined;
  if (!token || inserted.length === 1) return;
  const ctx = contextOf(model.db);
  const events = (await Promise.all(inserted.map((d) => spec.events(d, ctx)))).flat();
  if (!(await recordKpiBatch(model.db, events, token))) return; // left to the sweep
  // Their kpiNoted stays empty: a later write finds these events recorded (the ledger's key) and notes them.
  for (const workspaceId of new Set(inserted.map((d) => String(d.workspaceId))))
    await model.collection.updateMany(
      { workspaceId: new Types.ObjectId(workspaceId), kpiToken: token },
      { $unset: { kpiDue: 1, kpiToken: 1 } },
    );
}

/** Whether an update writes `field` or a path inside it (`assignee.agentId` touches `assignee`). */
function touchesField(update: BatchUpdate, field: string): boolean {
  const parts = [
    update,
    update.$set,
    update.$unset,
    update.$setOnInsert,
    update.$inc as Record<string, unknown> | undefined,
    update.$addToSet as Record<string, unknown> | undefined,
  ];
  return parts.some(
    (part) => part && Object.keys(part).some((k) => k === field || k.startsWith(`${field}.`)),
  );
}

/**
 * The write itself has landed: a failure to note it must not fail the writer (a route would answer
 * 500 for a change it made). The document keeps its mark, and the sweep notes it.
 */
async function settle(noting: Promise<void>): Promise<void> {
  try {
    await noting;
  } catch (err) {
    // A defect in the noting itself (an unscoped or unbounded read) fails loudly, as everywhere.
    if (err instanceof QueryAuditError || err instanceof MissingTenantScopeError) throw err;
    process.emitWarning(`KPI rollup left to the sweep: ${(err as Error).message}`, 'KefuKpiRollup');
  }
}

/** Records a document's KPI events not yet noted, then clears its mark unless a newer write set one. */
async function noteDoc(model: Model<unknown>, spec: KpiSpec, doc: Doc, stopAfter?: 'events'): Promise<void> {
  const conn = model.db;
  const noted = new Set(doc.kpiNoted ?? []);
  const fresh = (await spec.events(doc, contextOf(conn))).filter((e) => !noted.has(e.kind));
  for (const event of fresh) await recordKpiEvent(conn, event);
  if (stopAfter) return;
  // Past the model's hooks: bookkeeping that changes nothing the KPIs or a writer decide from.
  const scope = { _id: doc._id as never, workspaceId: doc.workspaceId };
  if (fresh.length)
    await model.collection.updateOne(scope, { $addToSet: { kpiNoted: { $each: fresh.map((e) => e.kind) } } });
  if (doc.kpiToken)
    await model.collection.updateOne(
      { ...scope, kpiToken: doc.kpiToken },
      { $unset: { kpiDue: 1, kpiToken: 1 } },
    );
}

/** For fault tests: records a document's events and stops before clearing its mark, as a writer that died. */
export async function noteDocAndStop(model: Model<unknown>, doc: Doc): Promise<void> {
  await noteDoc(model, specs.get(model.schema)!, doc, 'events');
}

/** How many due documents of one model a pass notes: every read of them is bounded. */
export const KPI_BATCH = 200;

/**
 * Notes documents marked due, at most `limit` of each model per call (one indexed equality
 * lookup each, `kpiDue`): every workspace's (the worker's applier, the API at start), or one
 * workspace's before its KPIs are read. Safe beside another noter (noting is idempotent).
 * Returns how many it noted: `limit` or more means more may be due.
 */
export async function noteDueKpis(
  models: Record<string, Model<unknown>>,
  workspaceId?: string,
  limit = KPI_BATCH,
): Promise<number> {
  let noted = 0;
  for (const model of Object.values(models)) {
    const spec = specs.get(model.schema);
    if (!spec) continue;
    const due = await (
      workspaceId
        ? model.find({ workspaceId, kpiDue: DUE })
        : model.find({ kpiDue: DUE }).setOptions({
            [ACROSS_TENANTS]: 'the KPI applier: due documents of every workspace, a bounded batch',
          })
    )
      .limit(limit)
      .lean<Doc[]>();
    for (const doc of due) {
      await noteDoc(model, spec, doc);
      noted++;
    }
  }
  return noted;
}

/**
 * One pass of the KPI applier: notes due documents (a bounded batch of each model), then applies
 * ledger entries whose writer stopped (kpi-record.ts). Returns how many it did; 0 means nothing
 * it could do was due. `olderThanMs` is the sweep's wait for a writer that may still be applying.
 */
export async function applyDueKpis(
  models: Record<string, Model<unknown>>,
  options: { workspaceId?: string; limit?: number; olderThanMs?: number } = {},
): Promise<number> {
  const noted = await noteDueKpis(models, options.workspaceId, options.limit);
  const conn = Object.values(models).find((m) => specs.has(m.schema))?.db;
  if (!conn) return noted;
  return noted + (await sweepKpiEvents(conn, options));
}

const timeZones = new Map<string, { zone: string; until: number }>();
const formats = new Map<string, Intl.DateTimeFormat>();
/** How long a workspace's time zone is trusted: a change re-buckets only what happens after it. */
const ZONE_TTL_MS = 60_000;

/** `YYYY-MM-DD` of `at` in `timeZone`. */
export function dayIn(timeZone: string, at: Date): string {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(timeZone, f);
  }
  return f.format(at);
}

const hourFormats = new Map<string, Intl.DateTimeFormat>();
/** The hour of day of `at` in `timeZone`, `00`–`23`. */
export function hourIn(timeZone: string, at: Date): string {
  let f = hourFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' });
    hourFormats.set(timeZone, f);
  }
  return f.format(at);
}

function contextOf(conn: Connection): FactContext {
  const zoneOf = async (workspaceId: string) => {
    let cached = timeZones.get(workspaceId);
    if (!cached || cached.until < Date.now()) {
      const ws = await conn
        .model('Workspace')
        .findOne({ _id: workspaceId }, { timeZone: 1 })
        .lean<{ timeZone?: string }>();
      cached = { zone: ws?.timeZone ?? 'UTC', until: Date.now() + ZONE_TTL_MS };
      timeZones.set(workspaceId, cached);
    }
    return cached.zone;
  };
  return {
    conn,
    dayOf: async (workspaceId, at) => dayIn(await zoneOf(workspaceId), at),
    hourOf: async (workspaceId, at) => hourIn(await zoneOf(workspaceId), at),
    zoneOf,
  };
}

interface SavedDoc {
  isNew: boolean;
  isModified(path: string): boolean;
  set(path: string, value: unknown): void;
}
