import type { MongooseQueryMiddleware, Schema } from 'mongoose';

/**
 * A query option that lets one query run without a workspace scope. Every use names why; grep for
 * it to review them all. Only lookups that happen before the workspace is known need it (login by
 * email).
 */
export const ACROSS_TENANTS = 'acrossTenants';

export class MissingTenantScopeError extends Error {
  constructor(model: string, op: string) {
    super(
      `${model}.${op} without workspaceId in its filter: every query on a tenant collection must be scoped`,
    );
    this.name = 'MissingTenantScopeError';
  }
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

/**
 * Makes a forgotten workspace filter a crash instead of a data leak: every query, update, delete,
 * count and aggregate on the collection must name a workspaceId (a value, not undefined or null).
 * Inserts are covered by `workspaceId: { required: true }` on the schema itself.
 */
export function tenantScoped(schema: Schema): void {
  scoped.add(schema);
  schema.pre(QUERY_OPS, { document: false, query: true }, function (this: TenantQuery) {
    if (this.getOptions()[ACROSS_TENANTS]) return;
    if (!hasScope(this.getFilter()))
      throw new MissingTenantScopeError(this.model.modelName, this.op ?? 'query');
  });
  schema.pre('bulkWrite', function (ops) {
    for (const op of ops) {
      const [kind, body] = Object.entries(op)[0] as [
        string,
        { filter?: Record<string, unknown>; document?: object },
      ];
      if (kind === 'insertOne') continue; // the document itself must carry workspaceId (required)
      if (!body.filter || !hasScope(body.filter))
        throw new MissingTenantScopeError(this.modelName, `bulkWrite ${kind}`);
    }
  });
  schema.pre('aggregate', function () {
    if (this.options[ACROSS_TENANTS as keyof typeof this.options]) return;
    const first = this.pipeline()[0] as { $match?: Record<string, unknown> } | undefined;
    if (!first?.$match || !hasScope(first.$match))
      throw new MissingTenantScopeError(
        this.model().modelName,
        'aggregate (first stage must $match workspaceId)',
      );
  });
}

const scoped = new WeakSet<Schema>();

/** A schema with a workspaceId path must be tenant-scoped; createModels checks every model with this. */
export function assertTenantScoped(name: string, schema: Schema): void {
  if (schema.path('workspaceId') && !scoped.has(schema))
    throw new Error(`${name} has a workspaceId but is not tenantScoped: add schema.plugin(tenantScoped)`);
}

interface TenantQuery {
  getOptions(): Record<string, unknown>;
  getFilter(): Record<string, unknown>;
  model: { modelName: string };
  op?: string;
}

function hasScope(filter: Record<string, unknown>): boolean {
  const value = filter.workspaceId;
  if (value === undefined || value === null) return false;
  // `{ $exists: true }` or `{ $ne: x }` would match every workspace: only a value or `$in` of values scopes.
  if (typeof value === 'object' && !isIdLike(value)) {
    const ops = Object.keys(value);
    return (
      ops.length > 0 && ops.every((op) => op === '$eq' || op === '$in') && Object.values(value).every(Boolean)
    );
  }
  return true;
}

function isIdLike(value: object): boolean {
  return '_bsontype' in value || value instanceof Date;
}
