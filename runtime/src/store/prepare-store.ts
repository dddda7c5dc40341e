import { createHash } from 'node:crypto';
import type { Model } from 'mongoose';
import pg from 'pg';
import { equalityIndexFields } from './equality-indexes';
import { GUARD_SCHEMA, guardFunctionsSql, guardTableSql } from './stale-write-guard';

/**
 * Makes FerretDB's PostgreSQL tables for one database serve Kefu's queries: an expression GIN index
 * per equality field (FerretDB's own indexes are never used for its pushed-down filters) and the
 * stale-write guard. Idempotent and cheap when done, so the API and the worker both run it at
 * start; an advisory lock keeps concurrent starts from racing on the same DDL.
 *
 * Runs after the models' collections and declared indexes exist (ensureIndexes), since FerretDB
 * creates a collection's table lazily.
 */
export async function prepareStore(
  models: Record<string, Model<unknown>>,
  options: { postgresUrl: string; database: string },
): Promise<{ indexes: number; tables: number }> {
  const client = new pg.Client({
    connectionString: options.postgresUrl,
    application_name: 'kefu-prepare-store',
  });
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(hashtext('kefu_prepare_store'))`);
    try {
      await client.query(guardFunctionsSql);
      const tables = await tablesOf(client, options.database);
      let indexes = 0;
      let guarded = 0;
      for (const model of Object.values(models)) {
        const table = tables.get(model.collection.collectionName);
        if (!table)
          throw new Error(
            `FerretDB has no table for ${model.collection.collectionName}: run ensureIndexes first`,
          );
        const qualified = `${pg.escapeIdentifier(options.database)}.${pg.escapeIdentifier(table)}`;
        const statements = equalityIndexFields(model).flatMap((field) => {
          indexes++;
          const index = pg.escapeIdentifier(indexName(table, field));
          // fastupdate off: new entries go into the index itself, not a pending list that every
          // lookup must read through until a vacuum merges it (up to 4 MB per index: ~2 ms per
          // lookup while a table takes inserts, 30 times the lookup itself).
          return [
            `CREATE INDEX IF NOT EXISTS ${index} ON ${qualified} ` +
              `USING gin ((_jsonb -> ${pg.escapeLiteral(field)}) jsonb_path_ops) WITH (fastupdate = off)`,
            `ALTER INDEX ${pg.escapeIdentifier(options.database)}.${index} SET (fastupdate = off)`,
          ];
        });
        if (!(await hasGuard(client, options.database, table))) {
          statements.push(guardTableSql(qualified));
          guarded++;
        }
        await client.query(statements.join(';\n'));
      }
      return { indexes, tables: guarded };
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtext('kefu_prepare_store'))`);
    }
  } finally {
    await client.end();
  }
}

async function tablesOf(client: pg.Client, database: string): Promise<Map<string, string>> {
  const { rows } = await client.query<{ collection: string; table: string }>(
    `SELECT _jsonb->>'_id' AS collection, _jsonb->>'table' AS table
       FROM ${pg.escapeIdentifier(database)}._ferretdb_database_metadata`,
  );
  return new Map(rows.map((r) => [r.collection, r.table]));
}

async function hasGuard(client: pg.Client, schema: string, table: string): Promise<boolean> {
  const { rowCount } = await client.query(
    `SELECT 1 FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2 AND t.tgname = 'kefu_rev_update'`,
    [schema, table],
  );
  return (rowCount ?? 0) > 0;
}

/** PostgreSQL cuts names at 63 bytes; a hash keeps long table and field names apart. */
function indexName(table: string, field: string): string {
  const hash = createHash('sha256').update(`${table}.${field}`).digest('hex').slice(0, 8);
  return `kefu_eq_${table.slice(0, 30)}_${field.replace(/[^a-zA-Z0-9_]/g, '').slice(0, 16)}_${hash}`.toLowerCase();
}

export { GUARD_SCHEMA };
