/**
 * `npm run migrate-store`: moves data/ from an earlier Kefu's store (FerretDB on SQLite) to
 * today's (FerretDB on PostgreSQL). `npm start` runs it by itself when it finds an old store; stop
 * Kefu before running it by hand. KEFU_DATA_DIR picks another data folder.
 */
import { join } from 'node:path';
import { hasSqliteStore, migrateSqliteStore } from './lib/migrate-store';
import { repoRoot } from './lib/servers';

const dataDir = process.env.KEFU_DATA_DIR ?? join(repoRoot, 'data');
if (!hasSqliteStore(dataDir)) {
  console.log(`Nothing to migrate: no SQLite store in ${join(dataDir, 'ferretdb')}.`);
  process.exit(0);
}
const report = await migrateSqliteStore({ dataDir, log: (msg) => console.log(msg) });
const total = Object.values(report.collections).reduce((a, b) => a + b, 0);
console.log(
  `Migrated ${total} documents in ${Object.keys(report.collections).length} collections to ${join(dataDir, 'postgres')}.`,
);
process.exit(0);
