import type { Model } from 'mongoose';
import pg from 'pg';
import { ALLOW_SCAN } from '../models/query-audit';

/** A document found by findByKeys: its `_id` and the asked fields, as strings. */
export type KeyedDoc = Record<string, string | undefined> & { _id: string };

export interface KeyLookup {
  /**
   * The documents of one workspace whose top-level `field` equals one of `values`: many equality
   * lookups in one round trip. `field` must be `_id` or a field of a declared index, and each
   * value should select few documents (a key, not a category).
   */
  find(
    model: Model<never>,
    workspaceId: string,
    field: string,
    values: readonly string[],
    fields: readonly string[],
  ): Promise<KeyedDoc[]>;
  close(): Promise<void>;
}

/**
 * Batched equality lookups. On MongoDB that is `$in` on the indexed field. FerretDB 1.x pushes
 * neither `$in` nor `$or` down, so the same query would read the whole workspace; one `find` per
 * value costs a round trip each (~2 ms: 200,000 rows of an import would spend minutes on them).
 * So on the embedded store the lookup goes to PostgreSQL itself, one statement per batch that
 * probes the field's expression index (prepareStore) once per value, ~0.1 ms each.
 *
 * Read-only, and it reads only what FerretDB stores for strings and ObjectIds (both as JSON
 * strings); writes always go through FerretDB.
 */
export function createKeyLookup(options: { postgresUrl?: string; database: string }): KeyLookup {
  if (!options.postgresUrl) return mongoKeyLookup;
  const pool = new pg.Pool({
    connectionString: options.postgresUrl,
    max: 2,
    application_name: 'kefu-key-lookup',
    // A per-value index probe is cheap; JIT compiling the statement first costs more than running it.
    options: '-c jit=off',
  });
  // An idle connection the server closed (a restart) is replaced on the next query; nothing to do.
  pool.on('error', () => {});
  const tables = new Map<string, string>();
  const tableOf = async (collection: string): Promise<string> => {
    const known = tables.get(collection);
    if (known) return known;
    const { rows } = await pool.query<{ table: string }>(
      `SELECT _jsonb->>'table' AS table FROM ${pg.escapeIdentifier(options.database)}._ferretdb_database_metadata
        WHERE _jsonb->>'_id' = $1`,
      [collection],
    );
    if (!rows[0]) throw new Error(`FerretDB has no table for ${collection}`);
    const table = `${pg.escapeIdentifier(options.database)}.${pg.escapeIdentifier(rows[0].table)}`;
    tables.set(collection, table);
    return table;
  };
  return {
    async find(model, workspaceId, field, values, fields) {
      const keys = [...new Set(values)];
      if (keys.length === 0) return [];
      const table = await tableOf(model.collection.collectionName);
      const wanted = ['_id', ...fields.filter((f) => f !== '_id')];
      const columns = wanted.map((f, i) => `t.doc->>${pg.escapeLiteral(f)} AS c${i}`).join(', ');
      // The LATERAL subquery probes the index once per value (OFFSET 0 keeps the planner from
      // merging it); the workspace is checked on the few rows found, not through its own index,
      // which would read every document id of a big workspace.
      const { rows } = await pool.query<Record<string, string | null>>(
        `SELECT ${columns} FROM unnest($2::jsonb[]) AS k(v)
           CROSS JOIN LATERAL (
             SELECT _jsonb AS doc FROM ${table} WHERE _jsonb->${pg.escapeLiteral(field)} @> k.v OFFSET 0
           ) t
          WHERE t.doc->>'workspaceId' = $1`,
        [workspaceId, keys.map((k) => JSON.stringify(k))],
      );
      return rows.map((row) =>
        toKeyed(
          wanted,
          wanted.map((_, i) => row[`c${i}`]),
        ),
      );
    },
    close: () => pool.end(),
  };
}

const mongoKeyLookup: KeyLookup = {
  async find(model, workspaceId, field, values, fields) {
    if (values.length === 0) return [];
    const docs = (await (model as unknown as Model<Record<string, unknown>>)
      .find(
        { workspaceId, [field]: { $in: [...new Set(values)] } },
        Object.fromEntries(fields.map((f) => [f, 1])),
      )
      // MongoDB serves $in from the field's index; the embedded store never runs this query.
      .setOptions({ [ALLOW_SCAN]: 'MongoDB answers $in on an indexed key from the index' })
      .lean()) as Record<string, unknown>[];
    const wanted = ['_id', ...fields.filter((f) => f !== '_id')];
    return docs.map((doc) =>
      toKeyed(
        wanted,
        wanted.map((f) => doc[f]),
      ),
    );
  },
  close: async () => {},
};

function toKeyed(fields: string[], values: unknown[]): KeyedDoc {
  const doc: Record<string, string | undefined> = {};
  fields.forEach((f, i) => {
    const v = values[i];
    if (v !== null && v !== undefined) doc[f] = String(v);
  });
  return doc as KeyedDoc;
}
