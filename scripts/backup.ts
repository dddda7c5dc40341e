/**
 * `npm run backup -- [--workspace <id>] --out <file>`: the whole database, or one workspace, to one
 * gzip file of Extended JSON lines (docs/backups.md). Works on the running store or a stopped one.
 */
import { parseArgs } from 'node:util';
import { writeBackup } from '../runtime/src/backup';
import { openCliStore, type CliStore } from './lib/cli-store';

const usage = 'usage: npm run backup -- [--workspace <id>] --out <file>';
let values: { workspace?: string; out?: string };
try {
  ({ values } = parseArgs({ options: { workspace: { type: 'string' }, out: { type: 'string' } } }));
} catch (err) {
  console.error(`${(err as Error).message}\n${usage}`);
  process.exit(2);
}
if (!values.out) {
  console.error(usage);
  process.exit(2);
}
let store: CliStore | null = null;
let code = 0;
try {
  store = await openCliStore({ mustExist: true });
  const header = await writeBackup(store.conn, store.models, {
    out: values.out,
    workspaceId: values.workspace,
  });
  const total = header.collections.reduce((n, c) => n + c.count, 0);
  for (const c of header.collections) if (c.count) console.log(`  ${c.name.padEnd(24)} ${c.count}`);
  console.log(
    `Backed up ${total} documents in ${header.collections.length} collections ` +
      `(${header.scope.kind === 'workspace' ? `workspace ${header.scope.workspaceId}` : `database ${header.database}`}) to ${values.out}.`,
  );
  console.log(
    'Encrypted fields stay encrypted in the file: back up the encryption keys too, apart from it (docs/backups.md).',
  );
} catch (err) {
  console.error(`Backup failed: ${(err as Error).message}`);
  code = 1;
} finally {
  await store?.close();
}
process.exit(code);
