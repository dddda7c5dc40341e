/**
 * `npm run bench` (tests workspace): first what the KPI rollups cost the writes on the request
 * path (kpi-hot-path.ts); then GET /analytics/kpis on a month of 5,000 and then 50,000 generated
 * conversations (runtime/src/seed/generate-month.ts, batch mode: each conversation's final state
 * through the models' insertMany), against a floor measured in the same run: one equality lookup
 * of one day bucket through the models (a single store round trip). The KPI route reads day
 * buckets only (one lookup a month, plus a bounded batch of due documents), so its time should
 * not grow with the conversations. Prints tables; asserts nothing.
 *
 * KEFU_BENCH_KPI_SIZES picks the sizes (default 5000,50000; empty: the hot path only). The
 * generator takes some 20 ms a conversation here, so 50,000 take about 17 minutes to make.
 * KEFU_BENCH_SAMPLES: requests per figure (default 200).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '@kefu/runtime';
import { newCodecKeys, parseCodecKeys } from '@kefu/runtime/temporal-codec';
import { generateMonth } from '@kefu/runtime/generate-month';
import { startStore, startTemporal } from '../../scripts/lib/servers';
import { kpiHotPath } from './kpi-hot-path';
import { ms, ratio, summarize, type Summary } from './stats';

const SIZES = (process.env.KEFU_BENCH_KPI_SIZES ?? '5000,50000')
  .split(',')
  .filter((s) => s.trim())
  .map(Number);
const SAMPLES = Number(process.env.KEFU_BENCH_SAMPLES ?? 200);

const dir = mkdtempSync(join(tmpdir(), 'kefu-bench-kpis-'));
const store = await startStore({ dataDir: join(dir, 'store'), logDir: dir });
const temporal = await startTemporal({ logFile: join(dir, 'temporal.log') });
const app = await buildApp(
  {
    mongoUri: `${store.mongoBaseUri}kefu_bench_kpis`,
    postgresUrl: store.postgresUrl,
    temporalAddress: temporal.address,
    temporalNamespace: 'default',
    taskQueue: 'kefu-bench-kpis',
    internalToken: randomBytes(16).toString('hex'),
    temporalCodecKeys: parseCodecKeys(newCodecKeys()),
    authPerMinute: 100_000,
  },
  { logger: { level: 'warn' } },
);
const signUp = async (label: string) => {
  const fresh = await app.inject({
    method: 'POST',
    url: '/signup',
    payload: {
      workspaceName: `bench ${label}`,
      name: 'Owner',
      email: `bench-${label}-${Date.now()}@example.com`,
      password: 'correct horse battery staple',
    },
  });
  const me = fresh.json() as { workspace: { id: string } };
  const cookie = [fresh.headers['set-cookie'] ?? []]
    .flat()
    .find((c) => c.startsWith('kefu_session='))!
    .split(';')[0]!;
  return { workspaceId: me.workspace.id, cookie };
};
try {
  await app.ready();
  const hot = await kpiHotPath(app.models, (await signUp('hot-path')).workspaceId);
  console.log('\nWrites that touch a KPI field (one at a time), against one raw update by key\n');
  console.log('| write | p50 | p95 | p50 ÷ floor |');
  console.log('|---|---|---|---|');
  for (const [name, s] of [
    ['floor: raw driver update by _id', hot.floor],
    ['conversation stored (widget opens one)', hot.open],
    ["first agent reply's mark (markFirst)", hot.reply],
  ] as const)
    console.log(`| ${name} | ${ms(s.p50)} | ${ms(s.p95)} | ${ratio(s.p50, hot.floor.p50)} |`);
  const rows: { size: number; kpis: Summary; weekly: Summary; floor: Summary; seconds: number }[] = [];
  let made = 0;
  let workspaceId = '';
  let cookie = '';
  for (const size of SIZES) {
    ({ workspaceId, cookie } = await signUp(String(size)));
    const started = performance.now();
    await generateMonth(app.models, {
      workspaceId,
      conversations: size,
      start: '2026-10-01',
      days: 31,
      seed: size,
      played: 0,
    });
    const seconds = (performance.now() - started) / 1000;
    made += size;
    const sample = async (call: () => Promise<void>) => {
      const latencies: number[] = [];
      const t0 = performance.now();
      for (let i = 0; i < SAMPLES; i++) {
        const t = performance.now();
        await call();
        latencies.push(performance.now() - t);
      }
      return summarize(latencies, (performance.now() - t0) / 1000);
    };
    const time = (url: string) =>
      sample(async () => {
        const res = await app.inject({ method: 'GET', url, headers: { cookie } });
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      });
    const ws = workspaceId;
    rows.push({
      size,
      seconds,
      floor: await sample(async () => {
        await app.models.KpiBucket.findOne({ _id: `${ws}:2026-10-15`, workspaceId: ws }).lean();
      }),
      kpis: await time('/analytics/kpis?from=2026-10-01&to=2026-10-31&groupBy=day&by=team'),
      weekly: await time('/analytics/kpis?from=2025-11-01&to=2026-10-31&groupBy=week&by=team'),
    });
  }
  console.log(
    `\nGET /analytics/kpis (${SAMPLES} requests each, one at a time; ${made} conversations generated in all)\n`,
  );
  console.log(
    '| conversations | generated in | floor p50 (one bucket lookup) | a month by day by team p50 / p95 (p50 ÷ floor) | a year by week by team p50 / p95 (p50 ÷ floor) |',
  );
  console.log('|---|---|---|---|---|');
  for (const r of rows)
    console.log(
      `| ${r.size} | ${r.seconds.toFixed(0)} s | ${ms(r.floor.p50)} | ${ms(r.kpis.p50)} / ${ms(r.kpis.p95)} (${ratio(r.kpis.p50, r.floor.p50)}) | ${ms(r.weekly.p50)} / ${ms(r.weekly.p95)} (${ratio(r.weekly.p50, r.floor.p50)}) |`,
    );
} finally {
  await app.close();
  await temporal.stop();
  await store.stop();
  rmSync(dir, { recursive: true, force: true });
}
