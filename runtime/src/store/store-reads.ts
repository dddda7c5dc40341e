import pg from 'pg';

/**
 * What PostgreSQL did for one FerretDB database, from pg_stat_statements: `rows` the statements
 * returned (the documents FerretDB fetched and then filtered, sorted and limited in memory) and
 * `pages` its queries read (shared buffer hits and reads of SELECTs: a scan filtered in SQL reads
 * every page yet returns little). Writes are left out of `pages`: an insert or update also
 * maintains every index of its table, which costs a few more pages as the indexes deepen with
 * the data (logarithmically), and is no read of the history. Lets a test show that a request reads the same whatever else is stored,
 * without timing it. The counters are updated as each statement ends.
 */
export interface Reads {
  rows: number;
  pages: number;
}

export interface StoreReads {
  total(): Promise<Reads>;
  /**
   * What `work` read, with what it set going (a worker's writes after a reply): counted until the
   * database has been quiet for `quietMs`. Nothing else may use the database meanwhile.
   */
  during(work: () => Promise<unknown>, quietMs?: number): Promise<Reads>;
  close(): Promise<void>;
}

export async function storeReads(postgresUrl: string, database: string): Promise<StoreReads> {
  const client = new pg.Client({ connectionString: postgresUrl, application_name: 'kefu-store-reads' });
  await client.connect();
  await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  // FerretDB names every table schema-qualified: the database's statements are those naming it.
  const schema = `%${pg.escapeIdentifier(database)}.%`;
  const total = async (): Promise<Reads> => {
    const { rows } = await client.query<{ rows: string; pages: string }>(
      `SELECT COALESCE(SUM(rows), 0) AS rows,
              COALESCE(SUM(shared_blks_hit + shared_blks_read) FILTER (WHERE query ILIKE 'SELECT%'), 0) AS pages
         FROM pg_stat_statements WHERE query LIKE $1 AND query NOT LIKE '%_ferretdb_database_metadata%'`,
      [schema],
    );
    return { rows: Number(rows[0]!.rows), pages: Number(rows[0]!.pages) };
  };
  return {
    total,
    async during(work, quietMs = 0) {
      const before = await total();
      await work();
      let after = await total();
      const deadline = Date.now() + Math.max(60_000, quietMs * 20);
      for (let quietSince = Date.now(); Date.now() - quietSince < quietMs;) {
        // Something that reads on a timer would otherwise keep the caller waiting forever.
        if (Date.now() > deadline)
          throw new Error(`the store was never quiet for ${quietMs} ms: something keeps reading it`);
        await new Promise((r) => setTimeout(r, 100));
        const now = await total();
        if (now.rows !== after.rows || now.pages !== after.pages) quietSince = Date.now();
        after = now;
      }
      return { rows: after.rows - before.rows, pages: after.pages - before.pages };
    },
    close: () => client.end(),
  };
}
