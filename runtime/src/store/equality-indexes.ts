import type { Model, Schema } from 'mongoose';

/**
 * The fields of a model that get an expression index on the embedded store: `_id` and every
 * top-level field named in one of the schema's declared indexes (`schema.index(...)` or
 * `unique: true`), so the one declaration serves MongoDB and PostgreSQL alike.
 *
 * FerretDB 1.x pushes down only equality on top-level fields (`_jsonb->'field' @> value`), so that
 * is all an index can serve. Date fields in an index are its order, not a lookup: they get none.
 * Nested paths (`flowRun.workflowId`) are never pushed down; queries that need them copy the value
 * to a top-level field.
 */
export function equalityIndexFields(model: Model<unknown>): string[] {
  return equalityIndexFieldsOf(model.schema as Schema);
}

/** equalityIndexFields of a schema (the query audit works from the schema a query runs on). */
export function equalityIndexFieldsOf(schema: Schema): string[] {
  const fields = new Set<string>(['_id']);
  for (const [keys] of schema.indexes()) {
    for (const field of Object.keys(keys)) {
      if (field.includes('.')) continue;
      if (schema.path(field)?.instance === 'Date') continue;
      fields.add(field);
    }
  }
  return [...fields];
}

/** Declared index fields the embedded store cannot use (nested paths), for the schema test to list. */
export function nestedIndexFields(model: Model<unknown>): string[] {
  return (model.schema as Schema)
    .indexes()
    .flatMap(([keys]) => Object.keys(keys))
    .filter((field) => field.includes('.'));
}
