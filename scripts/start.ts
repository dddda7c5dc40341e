/**
 * `npm start`: FerretDB and the Temporal dev server on data/ (unless MONGODB_URI / TEMPORAL_ADDRESS
 * point elsewhere), then the API (serving the web app) and the worker, each started again if it
 * crashes. Ctrl-C stops all of it; the data stays in data/ for the next start.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { localDataKeys } from './lib/data-key-files';
import { newCodecKeys } from '@kefu/runtime/temporal-codec';
import { freePort, repoRoot, startStore, startTemporal, waitForPort } from './lib/servers';
import { hasSqliteStore, migrateSqliteStore } from './lib/migrate-store';
import { supervise, type Supervised } from './lib/supervise';

const dataDir = process.env.KEFU_DATA_DIR ?? join(repoRoot, 'data');
const logDir = join(dataDir, 'logs');
const apiPort = Number(process.env.KEFU_PORT ?? 4000);
mkdirSync(logDir, { recursive: true });

const servers: { stop(): Promise<void> }[] = [];
const apps: Supervised[] = [];
let stopping = false;

async function main() {
  let mongoUri = process.env.MONGODB_URI;
  let postgresUrl: string | undefined;
  if (!mongoUri) {
    if (hasSqliteStore(dataDir)) {
      console.log(
        'Found the store of an earlier Kefu (FerretDB on SQLite, data/ferretdb): moving it to PostgreSQL…',
      );
      await migrateSqliteStore({ dataDir, log: (msg) => console.log(`  ${msg}`) });
    }
    console.log('Starting the store: PostgreSQL (data/postgres) and FerretDB…');
    const store = await startStore({
      dataDir,
      port: Number(process.env.KEFU_MONGO_PORT ?? 27017),
      postgresPort: Number(process.env.KEFU_POSTGRES_PORT ?? 5433),
      logDir,
    });
    servers.push(store);
    mongoUri = `${store.mongoBaseUri}kefu`;
    postgresUrl = store.postgresUrl;
  }

  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  const temporalUiPort = Number(process.env.KEFU_TEMPORAL_UI_PORT ?? 8233);
  if (!temporalAddress) {
    console.log('Starting the Temporal dev server (data/temporal.db)…');
    const temporal = await startTemporal({
      port: Number(process.env.KEFU_TEMPORAL_PORT ?? 7233),
      uiPort: temporalUiPort,
      uiCodecEndpoint: `http://localhost:${apiPort}/temporal-codec`,
      dbFile: join(dataDir, 'temporal.db'),
      logFile: join(logDir, 'temporal.log'),
    });
    servers.push(temporal);
    temporalAddress = temporal.address;
  }

  console.log('Building the web app, the API and the worker…');
  const build = spawnSync(
    'node_modules/.bin/turbo',
    [
      'run',
      'build',
      '--filter=@kefu/editor',
      '--filter=@kefu/runtime',
      '--filter=@kefu/workers',
      '--output-logs=errors-only',
    ],
    {
      cwd: repoRoot,
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) throw new Error('the web app, the API or the worker did not build');

  console.log('Bundling the flow workflows (once per code change)…');
  const bundle = spawnSync('node_modules/.bin/tsx', ['workers/scripts/bundle-workflows.ts'], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (bundle.status !== 0) throw new Error('the workflow bundle did not build');

  const env = {
    ...process.env,
    // The worker starts from the prebuilt bundle and its own built JavaScript: a restart is ready
    // in about a second.
    KEFU_WORKFLOW_BUNDLE: bundle.stdout.trim(),
    MONGODB_URI: mongoUri,
    ...(postgresUrl ? { KEFU_POSTGRES_URL: postgresUrl } : {}),
    TEMPORAL_ADDRESS: temporalAddress,
    KEFU_PORT: String(apiPort),
    KEFU_INTERNAL_TOKEN: process.env.KEFU_INTERNAL_TOKEN ?? secretFile('internal-token'),
    KEFU_DEMO_PASSWORD: process.env.KEFU_DEMO_PASSWORD ?? secretFile('demo-password'),
    KEFU_METRICS_TOKEN: process.env.KEFU_METRICS_TOKEN ?? secretFile('metrics-token'),
    // Contacts' personal fields are sealed with these (docs/privacy.md); data/ keeps the defaults.
    KEFU_DATA_KEYS: process.env.KEFU_DATA_KEYS ?? localDataKeys(dataDir).KEFU_DATA_KEYS,
    KEFU_DATA_INDEX_KEY: process.env.KEFU_DATA_INDEX_KEY ?? localDataKeys(dataDir).KEFU_DATA_INDEX_KEY,
    // Temporal's history holds run payloads encrypted with these keys: losing the file loses them.
    KEFU_TEMPORAL_CODEC_KEYS:
      process.env.KEFU_TEMPORAL_CODEC_KEYS ?? secretFile('temporal-codec-keys', () => newCodecKeys()),
    KEFU_TEMPORAL_CODEC_TOKEN: process.env.KEFU_TEMPORAL_CODEC_TOKEN ?? secretFile('temporal-codec-token'),
    KEFU_TEMPORAL_UI_ORIGIN: process.env.KEFU_TEMPORAL_UI_ORIGIN ?? `http://localhost:${temporalUiPort}`,
    KEFU_EDITOR_DIST: join(repoRoot, 'editor', 'dist'),
    // Email in: the API's SMTP listener, on a free port unless one is given.
    KEFU_SMTP_PORT: process.env.KEFU_SMTP_PORT ?? String(await freePort()),
  };
  const mailDomain = process.env.KEFU_MAIL_DOMAIN || 'kefu.localhost';
  const api = run('api', 'runtime/dist/server.js', env);
  apps.push(api, run('worker', 'workers/dist/main.js', env));
  await waitForPort(apiPort, null, 'The API', 120_000);

  const base = `http://localhost:${apiPort}`;
  console.log(`
Kefu is running. A crashed API or worker is started again; Ctrl-C stops everything; data stays in ${dataDir}.

  Customer chat (demo shop)  ${base}/chat/
  Owner console              ${base}/
  Flow designer              ${base}/designer/
  API reference              ${base}/docs
  Sign in as                 owner@demo.kefu.local / ${env.KEFU_DEMO_PASSWORD}
  API health                 ${base}/health   ready: ${base}/ready
  Metrics (Prometheus)       ${base}/metrics   (Authorization: Bearer <data/metrics-token>)
  Email in (SMTP)            smtp://localhost:${env.KEFU_SMTP_PORT}   (write to demo@${mailDomain})
  Email out                  ${process.env.KEFU_SMTP_URL ? process.env.KEFU_SMTP_URL.replace(/\/\/[^@/]*@/, '//***@') : 'not configured: set KEFU_SMTP_URL (replies by email are recorded as skipped)'}
  MongoDB (FerretDB)         ${mongoUri}${postgresUrl ? `\n  PostgreSQL under it        ${postgresUrl}   (data/postgres)` : ''}
  Temporal                   ${temporalAddress}${servers.length && !process.env.TEMPORAL_ADDRESS ? `   (web UI http://localhost:${temporalUiPort})` : ''}
  Temporal payload codec     ${base}/temporal-codec   (owner session, or Bearer <data/temporal-codec-token>; docs/privacy.md)
  Logs                       ${logDir}
`);
}

/** A generated secret kept in data/, so restarts agree without configuration. */
function secretFile(name: string, make = () => randomBytes(12).toString('base64url')): string {
  const file = join(dataDir, name);
  if (!existsSync(file)) writeFileSync(file, make(), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

function run(name: string, entry: string, env: NodeJS.ProcessEnv): Supervised {
  // One process per app, the built JavaScript (scripts/build-app.ts); source maps put the
  // TypeScript lines in stack traces.
  return supervise({
    name,
    command: process.execPath,
    args: ['--enable-source-maps', entry],
    spawn: { cwd: repoRoot, env, stdio: 'inherit' },
    log: (line) => console.error(`[${new Date().toISOString()}] ${line}`),
  });
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping Kefu…');
  await Promise.all(apps.map((app) => app.stop()));
  await Promise.all(servers.map((s) => s.stop()));
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
main().catch((err) => {
  console.error(`npm start failed: ${(err as Error).message}`);
  void shutdown(1);
});
