import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { TestProject } from 'vitest/node';
import { workflowsPath } from '@kefu/workers/worker';
import { startStore, startTemporal } from '../../../scripts/lib/servers';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    mongoBaseUri: string;
    /** The PostgreSQL under the test FerretDB; empty with MONGODB_URI. */
    postgresUrl: string;
    workflowBundlePath: string;
  }
}

/**
 * One Temporal dev server (in memory) and one store (FerretDB on PostgreSQL, throw-away folder,
 * no fsync) for the whole run;
 * each test file isolates itself with its own database and task queue, so files run side by side.
 * TEMPORAL_ADDRESS / MONGODB_URI point the tests at existing servers instead.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-test-'));
  const started: { stop(): Promise<void> }[] = [];
  const [temporalAddress, store, bundle] = await Promise.all([
    process.env.TEMPORAL_ADDRESS ??
      startTemporal({ logFile: join(dir, 'temporal.log') }).then((s) => (started.push(s), s.address)),
    process.env.MONGODB_URI
      ? { mongoBaseUri: process.env.MONGODB_URI.replace(/\/[^/]*$/, '/'), postgresUrl: '' }
      : startStore({ dataDir: join(dir, 'store'), logDir: dir, durable: false }).then(
          (s) => (started.push(s), s),
        ),
    bundleWorkflowCode({ workflowsPath, logger: quietLogger }),
  ]);
  const workflowBundlePath = join(dir, 'workflow-bundle.js');
  writeFileSync(workflowBundlePath, bundle.code);
  project.provide('temporalAddress', temporalAddress);
  project.provide('mongoBaseUri', store.mongoBaseUri);
  project.provide('postgresUrl', store.postgresUrl);
  project.provide('workflowBundlePath', workflowBundlePath);

  return async () => {
    await Promise.all(started.map((s) => s.stop()));
    rmSync(dir, { recursive: true, force: true });
  };
}

const noop = () => {};
const quietLogger = {
  trace: noop,
  debug: noop,
  info: noop,
  warn: console.warn,
  error: console.error,
  log: noop,
};
