/**
 * `npm run bench` (tests workspace): auto-reply latency and throughput of Kefu's real path against
 * a floor measured in the same run, on the Temporal dev server in memory and on its SQLite file.
 * Prints tables; asserts nothing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode, DefaultLogger, Runtime } from '@temporalio/worker';
import { workflowsPath } from '@kefu/workers/worker';
import { startStore, startTemporal } from '../../scripts/lib/servers';
import { runFloor } from './floor';
import { runOpenConversations, runProduct } from './product-driver';
import { ms, ratio, type Summary } from './stats';

const SECONDS = Number(process.env.KEFU_BENCH_SECONDS ?? 8);
const CONCURRENCY = (process.env.KEFU_BENCH_CONCURRENCY ?? '1,20,100').split(',').map(Number);
const OPEN_CONVERSATIONS = Number(process.env.KEFU_BENCH_OPEN ?? 1000);
/** `memory,sqlite` by default; one of them for a quicker before/after comparison. */
const MODES = (process.env.KEFU_BENCH_MODES ?? 'memory,sqlite').split(',') as Array<'memory' | 'sqlite'>;

Runtime.install({ logger: new DefaultLogger('WARN') });
// Stopped with Ctrl-C: exit through the 'exit' handlers that stop the servers this run started.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
const dir = mkdtempSync(join(tmpdir(), 'kefu-bench-'));
// Durable like npm start's store: the bench measures what a shop runs on.
const store = await startStore({ dataDir: join(dir, 'store'), logDir: dir });
const bundlePath = join(dir, 'workflow-bundle.js');
writeFileSync(
  bundlePath,
  (await bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') })).code,
);

console.log(
  `Auto-reply benchmark: ${SECONDS} s per row, closed loop (each conversation waits for its reply).`,
);
console.log(
  'MongoDB: FerretDB 1.24 on PostgreSQL (the embedded default). "floor" = hand-written Temporal workflow doing the same side effects.\n',
);

for (const mode of MODES) {
  const temporal = await startTemporal({
    logFile: join(dir, `temporal-${mode}.log`),
    ...(mode === 'sqlite' ? { dbFile: join(dir, 'temporal.db') } : {}),
  });
  const servers = {
    temporalAddress: temporal.address,
    mongoBaseUri: store.mongoBaseUri,
    postgresUrl: store.postgresUrl,
    workflowBundlePath: bundlePath,
  };
  console.log(
    `## Temporal dev server ${mode === 'memory' ? 'in memory' : 'on a SQLite file (WAL) — the embedded default'}`,
  );
  console.log('| conversations | path | p50 | p95 | p99 | replies/s | p99 ratio | replies/s ratio |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const c of CONCURRENCY) {
    const floor = await runFloor({
      temporalAddress: temporal.address,
      mongoUri: `${store.mongoBaseUri}kefu_floor`,
      conversations: c,
      seconds: SECONDS,
    });
    const ours = await runProduct(servers, c, SECONDS);
    row(c, 'floor', floor);
    row(c, 'Kefu', ours, floor);
  }
  if (mode === 'memory' && OPEN_CONVERSATIONS > 0) {
    const open = await runOpenConversations(servers, OPEN_CONVERSATIONS);
    console.log(
      `\nConversations started (hello → welcome delivered, 20 at a time): ${open.opened.perSecond.toFixed(1)}/s, ` +
        `p50 ${ms(open.opened.p50)}, p99 ${ms(open.opened.p99)}`,
    );
    console.log(
      `Worker resident memory: ${open.idleRss.toFixed(0)} MB idle, ${open.waitingRss.toFixed(0)} MB with ` +
        `${OPEN_CONVERSATIONS} conversations waiting for a reply ` +
        `(${(((open.waitingRss - open.idleRss) * 1024) / OPEN_CONVERSATIONS).toFixed(0)} KB each)`,
    );
  }
  console.log('');
  await temporal.stop();
}
await store.stop();
rmSync(dir, { recursive: true, force: true });

function row(conversations: number, path: string, s: Summary, floor?: Summary) {
  console.log(
    `| ${conversations} | ${path} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${s.perSecond.toFixed(0)} | ` +
      `${floor ? ratio(s.p99, floor.p99) : '1.00×'} | ${floor ? ratio(s.perSecond, floor.perSecond) : '1.00×'} |`,
  );
}
