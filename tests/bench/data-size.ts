/**
 * `npm run bench` (tests workspace), after the auto-reply benchmark: the hot paths of issue 13 while
 * the store grows to 1k, 100k and 1M documents in its big collections (messages, contacts,
 * conversations, run steps), half in the measured shop and half in other shops. Same real product
 * as auto-reply.ts (API and worker in this process, FerretDB on PostgreSQL, Temporal dev server in
 * memory). Prints tables; asserts nothing.
 *
 * KEFU_BENCH_SIZES=1000,100000 picks sizes (default 1000,100000,1000000; empty skips this
 * benchmark); KEFU_BENCH_PATH_SECONDS caps each path's sampling (default 60 s); KEFU_BENCH_SAMPLES
 * is the round trips wanted per path (default 300).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { Types } from 'mongoose';
import { demoFlowDraft } from '@kefu/runtime';
import { workflowsPath } from '@kefu/workers/worker';
import { startStore, startTemporal } from '../../scripts/lib/servers';
import { startProductOn, type RunningProduct } from '../src/support/product-core';
import { inviteAgent, setUpDesk, signUpStaffShop } from '../src/support/staff';
import { hotPaths, type MeasuredShop } from './data-size-paths';
import { runFloor } from './floor';
import {
  COLLECTIONS,
  CONVERSATIONS_PER_SIZE,
  MEASURED_SHARE,
  OTHER_SHOPS,
  ShopHistory,
} from './shop-history/shop-history';
import type { TenantRef } from './shop-history/stories';
import { ms, sampleUntil, type Summary } from './stats';
import { readsPerCall, rowCount, storeReads } from './store-reads';

const SIZES = (process.env.KEFU_BENCH_SIZES ?? '1000,100000,1000000')
  .split(',')
  .filter((s) => s.trim())
  .map(Number);
const LIMITS = {
  minSamples: Number(process.env.KEFU_BENCH_SAMPLES ?? 300),
  minSeconds: 5,
  maxSeconds: Number(process.env.KEFU_BENCH_PATH_SECONDS ?? 60),
};
const FLOOR_SECONDS = 10;
/** Every simulated customer comes from 127.0.0.1: the per-address limits would stop the load. */
const LOAD_TEST_LIMITS = { connectionsPerMinute: 1_000_000, framesPer10s: 1_000_000 };

if (SIZES.length === 0 || SIZES.some((n) => !Number.isInteger(n) || n <= 0)) {
  console.log(
    `Data size benchmark skipped: KEFU_BENCH_SIZES="${process.env.KEFU_BENCH_SIZES}" names no sizes.`,
  );
  process.exit(0);
}
// No Runtime.install here: startProductOn installs Temporal's runtime (quiet) before any worker starts.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
const benchStarted = performance.now();
const dir = mkdtempSync(join(tmpdir(), 'kefu-bench-size-'));
const store = await startStore({ dataDir: join(dir, 'store'), logDir: dir });
const temporal = await startTemporal({ logFile: join(dir, 'temporal.log') });
const bundlePath = join(dir, 'workflow-bundle.js');
writeFileSync(
  bundlePath,
  (await bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') })).code,
);
const product = await startProductOn(
  {
    temporalAddress: temporal.address,
    mongoBaseUri: store.mongoBaseUri,
    postgresUrl: store.postgresUrl,
    workflowBundlePath: bundlePath,
  },
  { widgetLimits: LOAD_TEST_LIMITS },
);
const { shop, tenant } = await setUpMeasuredShop(product);
const history = await ShopHistory.open({
  models: product.models,
  mongoUri: product.env.MONGODB_URI!,
  postgresUrl: store.postgresUrl,
  measured: tenant,
});
const database = new URL(product.env.MONGODB_URI!).pathname.slice(1);
const paths = hotPaths(shop, product.models, { contactIds: history.panelContacts, emails: history.emails });

console.log('# Data size: the hot paths as the store grows\n');
console.log(
  `Sizes ${SIZES.map(count).join(', ')}: at size N the store holds N contacts, N/${1 / CONVERSATIONS_PER_SIZE} ` +
    `conversations (with their flow runs, ~10 messages and ~10 run steps each, so about N messages and N run ` +
    `steps) and N/50 tickets; ${MEASURED_SHARE * 100}% of each in the measured shop ("Bench shop", ` +
    `${shop.workspaceId}), the rest in ${OTHER_SHOPS} other shops. A year of history, nearly all closed; each ` +
    'shop also has the same small open working set at every size (measured shop: 27 open chats of which ' +
    '10 in its queue and 5 with its agent, 30 open or pending tickets).',
);
console.log(
  `Closed loop, one client: each path ${LIMITS.minSamples} round trips or ${LIMITS.minSeconds} s, whichever ` +
    `is longer, at most ${LIMITS.maxSeconds} s (then fewer samples: p99 is the slowest of them). "floor" = ` +
    'hand-written Temporal workflow, message → reply, 1 conversation, on its own small database. "rows read" = ' +
    "stored documents PostgreSQL read per call (pg_stat_user_tables: sequential plus index fetches; the worker's " +
    "own writes are in it): it does not move with the machine's load.\n",
);

const results = new Map<string, Map<number, Summary>>();
const rowsRead = new Map<string, Map<number, number>>();
for (const size of SIZES) {
  // Generating a million takes minutes: say it is still going (stderr, off the tables).
  const progress = setInterval(
    () => console.error(`… ${count(history.written)} documents generated so far`),
    60_000,
  );
  const grown = await history.growTo(size).finally(() => clearInterval(progress));
  console.log(`## ${count(size)} documents per big collection\n`);
  console.log(
    `Generated ${count(grown.added)} documents in ${grown.seconds.toFixed(0)} s ` +
      `(${(grown.added / grown.seconds).toFixed(0)}/s), VACUUM ANALYZE ${grown.vacuumSeconds.toFixed(0)} s. Stored ` +
      '(measured shop + other shops): ' +
      COLLECTIONS.map(
        (c) => `${c} ${count(history.stored.measured[c])} + ${count(history.stored.others[c])}`,
      ).join(', ') +
      '.\n',
  );
  console.log('| path | samples | p50 | p99 | p99 / floor p99 | rows read / call | last answer |');
  console.log('|---|---|---|---|---|---|---|');
  const floor = await runFloor({
    temporalAddress: temporal.address,
    mongoUri: `${store.mongoBaseUri}kefu_floor`,
    conversations: 1,
    seconds: FLOOR_SECONDS,
  });
  record('floor', size, floor);
  // Prepared first (the cursor of a later page costs list calls): each path's window of store
  // reads then holds its own round trips only, and one reading ends one window and starts the next.
  const prepared = [];
  for (const path of paths) prepared.push(await path.prepare());
  let reading = await storeReads(store.postgresUrl, database);
  for (const [i, path] of paths.entries()) {
    const p = prepared[i]!;
    let calls = 0;
    const summary = await sampleUntil(() => {
      calls++;
      return p.roundTrip();
    }, LIMITS);
    const after = await storeReads(store.postgresUrl, database);
    const reads = readsPerCall(reading, after, calls);
    reading = after;
    await p.done?.();
    if (!rowsRead.has(path.name)) rowsRead.set(path.name, new Map());
    rowsRead.get(path.name)!.set(size, reads.total);
    const readText = `${rowCount(reads.total)}${reads.top ? ` (${reads.top})` : ''}`;
    record(path.name, size, summary, floor, readText, p.answer?.());
  }
  console.log('');
}

console.log(`## p99 by size, and its ratio to p99 at ${count(SIZES[0]!)}\n`);
console.log(
  'The floor does not grow with the data: its own ratio shows how much the machine moved between sizes. ' +
    'Target: the largest size within 10% of the smallest (ratio ≤ 1.10). "rows flat": the largest size ' +
    'reads at most 10% more stored documents per call than the smallest, i.e. the path is bounded whatever ' +
    'its p99 did on this machine.\n',
);
console.log(
  `| path | ${SIZES.map((s) => `p99 at ${count(s)}`).join(' | ')} | ${SIZES.slice(1)
    .map((s) => `${count(s)} / ${count(SIZES[0]!)}`)
    .join(' | ')} | within 10% | rows flat |`,
);
console.log(
  `|---|${SIZES.map(() => '---|').join('')}${SIZES.slice(1)
    .map(() => '---|')
    .join('')}---|---|`,
);
for (const [name, bySize] of results) {
  const base = bySize.get(SIZES[0]!)!.p99;
  const ratios = SIZES.slice(1).map((s) => bySize.get(s)!.p99 / base);
  const rows = rowsRead.get(name);
  const flat = rows ? (rows.get(SIZES.at(-1)!)! <= 1.1 * rows.get(SIZES[0]!)! ? 'yes' : 'no') : '—';
  console.log(
    `| ${name} | ${SIZES.map((s) => ms(bySize.get(s)!.p99)).join(' | ')} | ${ratios
      .map((r) => `${r.toFixed(2)}×`)
      .join(' | ')} | ${ratios.length === 0 ? '—' : ratios.at(-1)! <= 1.1 ? 'yes' : 'no'} | ${flat} |`,
  );
}
console.log('\n## Stored documents read per call, by size\n');
console.log(`| path | ${SIZES.map((s) => `at ${count(s)}`).join(' | ')} |`);
console.log(`|---|${SIZES.map(() => '---|').join('')}`);
for (const [name, bySize] of rowsRead)
  console.log(`| ${name} | ${SIZES.map((s) => rowCount(bySize.get(s) ?? NaN)).join(' | ')} |`);
console.log(`\nWall time ${((performance.now() - benchStarted) / 60_000).toFixed(1)} min.`);

await history.close();
await product.stop();
await temporal.stop();
await store.stop();
rmSync(dir, { recursive: true, force: true });

function record(name: string, size: number, s: Summary, floor?: Summary, reads = '', answer = '') {
  if (!results.has(name)) results.set(name, new Map());
  results.get(name)!.set(size, s);
  const fewer = s.count < 100 ? ` (${s.count}: slowest)` : '';
  console.log(
    `| ${name} | ${s.count} | ${ms(s.p50)} | ${ms(s.p99)}${fewer} | ${floor ? `${(s.p99 / floor.p99).toFixed(2)}×` : '1.00×'} | ${reads} | ${answer} |`,
  );
}

function count(n: number): string {
  if (n >= 1_000_000 && n % 1_000_000 === 0) return `${n / 1_000_000}M`;
  if (n >= 1000 && n % 1000 === 0) return `${n / 1000}k`;
  return n.toLocaleString('en-US');
}

/** The measured shop, set up as an owner would: sign-up, an agent, a team, the auto-reply flow. */
async function setUpMeasuredShop(p: RunningProduct): Promise<{ shop: MeasuredShop; tenant: TenantRef }> {
  const owner = await signUpStaffShop(p.url, 'Bench');
  const agent = await inviteAgent(p.url, owner, 'Agent');
  const { teamId } = await setUpDesk(
    p.url,
    owner,
    { key: 'support', name: 'Support', members: [owner.userId, agent.userId] },
    demoFlowDraft,
  );
  const flow = await p.models.Flow.findOne({ workspaceId: owner.workspaceId, name: demoFlowDraft.name })
    .orFail()
    .lean();
  return {
    shop: {
      url: p.url,
      wsUrl: p.wsUrl,
      workspaceId: owner.workspaceId,
      publicKey: owner.publicKey,
      agentCookie: agent.cookie,
    },
    tenant: {
      workspaceId: new Types.ObjectId(owner.workspaceId),
      flow: { flowId: flow._id, version: flow.activeVersion ?? 1 },
      teamId: new Types.ObjectId(teamId),
      // The first agent's queue and tickets are the ones measured.
      agents: [new Types.ObjectId(agent.userId), new Types.ObjectId(owner.userId)],
    },
  };
}
