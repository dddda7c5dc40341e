import { spawn } from 'node:child_process';
import { postgresBin } from '../../scripts/lib/servers';

/** Rows PostgreSQL read per table (sequential scans plus index fetches), by collection. */
export type Reads = Map<string, number>;

/**
 * How many stored documents a path makes the store read, from PostgreSQL's own counters for the
 * tables under FerretDB (pg_stat_user_tables of the database's schema). Unlike a latency on a
 * shared machine this does not move with the load: a bounded path reads the same rows at every
 * size. Tables are named `<collection>_<hash>` by FerretDB.
 */
export async function storeReads(postgresUrl: string, database: string): Promise<Reads> {
  // An idle backend publishes its counters within a second, or 10 s (PGSTAT_IDLE_INTERVAL) when it
  // published less than a second before: a shorter wait credits a path with the previous one's reads.
  await new Promise((r) => setTimeout(r, 11_000));
  const sql =
    "SELECT regexp_replace(relname, '_[0-9a-f]{8}$', ''), seq_tup_read + coalesce(idx_tup_fetch, 0) " +
    `FROM pg_stat_user_tables WHERE schemaname = '${database.replace(/'/g, "''")}'`;
  const out = await run(postgresBin('psql'), [postgresUrl, '-AtF', '\t', '-c', sql]);
  return new Map(
    out
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [table, rows] = line.split('\t');
        return [table!, Number(rows)] as const;
      }),
  );
}

/** Rows read per call between two readings: the total and the tables that gave most of it. */
export function readsPerCall(before: Reads, after: Reads, calls: number): { total: number; top: string } {
  const per = [...after]
    .map(([table, rows]) => [table, (rows - (before.get(table) ?? 0)) / calls] as const)
    .filter(([, rows]) => rows >= 0.5)
    .sort((a, b) => b[1] - a[1]);
  const total = per.reduce((s, [, rows]) => s + rows, 0);
  const top = per
    .slice(0, 2)
    .map(([table, rows]) => `${table} ${rowCount(rows)}`)
    .join(', ');
  return { total, top };
}

export function rowCount(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e4) return `${Math.round(n / 1e3)}k`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return n.toFixed(0);
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`psql: ${err}`))));
  });
}
