/**
 * `npm run restore -- --in <file> [--workspace <id>] [--replace]`: a backup into an empty database
 * (or an empty workspace); run again, it finishes a restore that stopped (docs/backups.md).
 */
import { parseArgs } from 'node:util';
import { RestoreRefusedError, restoreBackup } from '../runtime/src/backup';
import { openCliStore, type CliStore } from './lib/cli-store';

const usage = 'usage: npm run restore -- --in <file> [--workspace <id>] [--replace]';
let values: { in?: string; workspace?: string; replace?: boolean };
try {
  ({ values } = parseArgs({
    options: { in: { type: 'string' }, workspace: { type: 'string' }, replace: { type: 'boolean' } },
  }));
} catch (err) {
  console.error(`${(err as Error).message}\n${usage}`);
  process.exit(2);
}
if (!values.in) {
  console.error(usage);
  process.exit(2);
}
let store: CliStore | null = null;
let code = 0;
try {
  store = await openCliStore({ mustExist: false });
  const summary = await restoreBackup(store.conn, store.models, {
    in: values.in,
    workspaceId: values.workspace,
    replace: values.replace,
    postgresUrl: store.postgresUrl,
    log: (msg) => console.log(msg),
  });
  for (const c of summary.collections)
    if (c.expected || c.found)
      console.log(
        `  ${c.name.padEnd(24)} ${String(c.found).padStart(8)}${c.alreadyThere ? `  (${c.alreadyThere} were already there)` : ''}`,
      );
  const total = summary.collections.reduce((n, c) => n + c.inserted, 0);
  console.log(
    summary.alreadyRestored
      ? `${values.in} was already restored into ${summary.scope}; the counts match.`
      : `Restored ${total} documents into ${summary.scope}${summary.resumed ? ' (finishing an earlier run)' : ''}; every count matches the backup.`,
  );
} catch (err) {
  console.error(`Restore failed: ${(err as Error).message}`);
  code = err instanceof RestoreRefusedError ? 3 : 1;
} finally {
  await store?.close();
}
process.exit(code);
