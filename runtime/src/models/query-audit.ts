import type { MongooseQueryMiddleware, Schema } from 'mongoose';
import { classifyFilter, filterShape, keyFieldsOf, type QueryClass } from '../store/query-shape';

/**
 * A query option that lets one query on a history collection read more than a key selects. Its
 * value says why the read is bounded anyway (or who is bounding it); grep for it to review them all.
 */
export const ALLOW_SCAN = 'allowScan';

export class QueryAuditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryAuditError';
  }
}

/**
 * KEFU_QUERY_AUDIT: `throw` (the test harnesses: a defect fails the test that runs it), `warn`
 * (the default: once per query shape on stderr) or `off`.
 */
type AuditMode = 'throw' | 'warn' | 'off';
function auditMode(): AuditMode {
  const mode = process.env.KEFU_QUERY_AUDIT;
  return mode === 'throw' || mode === 'off' ? mode : 'warn';
}

const QUERY_OPS = [
  'countDocuments',
  'deleteMany',
  'deleteOne',
  'distinct',
  'estimatedDocumentCount',
  'find',
  'findOne',
  'findOneAndDelete',
  'findOneAndReplace',
  'findOneAndUpdate',
  'replaceOne',
  'updateMany',
  'updateOne',
] satisfies MongooseQueryMiddleware[];

const history = new WeakSet<Schema>();

/** Connections whose queries are not audited, with why (a test's own connection for its assertions). */
const exempt = new WeakMap<object, string>();
export function exemptFromQueryAudit(connection: object, reason: string): void {
  exempt.set(connection, reason);
}

/**
 * Declares a collection that grows with a shop's history (messages, contacts, run steps…): every
 * query, update, delete, count and aggregate on it must be served by a key (see classifyFilter),
 * never by reading the whole workspace or collection and filtering in memory, which on the
 * embedded store costs ~0.18 ms per stored document. A deliberate exception sets ALLOW_SCAN with
 * its reason.
 */
export function growsWithHistory(schema: Schema): void {
  history.add(schema);
  schema.pre(QUERY_OPS, { document: false, query: true }, function (this: AuditedQuery) {
    const reason = this.getOptions()[ALLOW_SCAN];
    if ((typeof reason === 'string' && reason) || exempt.has(this.model.db)) return;
    audit(schema, this.model.modelName, this.op ?? 'query', this.getFilter());
  });
  schema.pre('bulkWrite', function (ops) {
    for (const op of ops) {
      const [kind, body] = Object.entries(op)[0] as [string, { filter?: Record<string, unknown> }];
      if (kind !== 'insertOne') audit(schema, this.modelName, `bulkWrite ${kind}`, body.filter ?? {});
    }
  });
  schema.pre('aggregate', function () {
    if (this.options[ALLOW_SCAN as keyof typeof this.options]) return;
    const first = this.pipeline()[0] as { $match?: Record<string, unknown> } | undefined;
    audit(schema, this.model().modelName, 'aggregate', first?.$match ?? {});
  });
}

/** Whether the schema was declared growsWithHistory (the schema test lists the history collections). */
export function isHistoryCollection(schema: Schema): boolean {
  return history.has(schema);
}

/** Shapes already warned about in this process: a warning per shape, not per request. */
const warned = new Set<string>();

function audit(schema: Schema, model: string, op: string, filter: Record<string, unknown>): void {
  const mode = auditMode();
  if (mode === 'off') return;
  const found = classifyFilter(schema, filter);
  if (found.reach === 'lookup') return;
  const shape = filterShape(filter);
  const message = describe(schema, model, op, shape, found);
  if (mode === 'throw') throw new QueryAuditError(message);
  const key = `${model}.${op} ${shape}`;
  if (warned.has(key)) return;
  warned.add(key);
  process.emitWarning(message, 'KefuQueryAudit');
}

function describe(schema: Schema, model: string, op: string, shape: string, found: QueryClass): string {
  const reads = found.reach === 'tenant' ? 'reads the whole workspace' : 'scans the whole collection';
  const served = found.pushedDown.length ? `{${found.pushedDown.join(', ')}}` : 'nothing';
  return (
    `${model}.${op} ${shape} ${reads}: the store can serve only ${served} of it, and ${model} grows ` +
    `with history. Filter by equality on a key (${keyFieldsOf(schema).join(', ')}) with a scalar value ` +
    `(one findOne per id instead of _id: {$in}; a top-level copy of a nested field), or set the query ` +
    `option ${ALLOW_SCAN}: '<why this read is bounded>'.`
  );
}

interface AuditedQuery {
  getOptions(): Record<string, unknown>;
  getFilter(): Record<string, unknown>;
  model: { modelName: string; db: object };
  op?: string;
}
