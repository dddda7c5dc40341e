import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { buildApp, seedDemoWorkspace } from '@kefu/runtime';
import { exemptFromQueryAudit, type Models } from '@kefu/runtime/models';
import { dataKeys, dataKeysEnv, openStore } from '@kefu/runtime/store';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createFlowWorker } from '@kefu/workers/worker';
import { newCodecKeys, parseCodecKeys } from '@kefu/runtime/temporal-codec';
import { freePort, repoRoot, stopChild, waitForPort } from '../../../scripts/lib/servers';

export interface ProductOptions {
  /** 'in-process' (default), 'none' (start it yourself with spawnWorker) */
  worker?: 'in-process' | 'none';
  /** 'in-process' (default), or 'none' (start it with spawnApi, e.g. to SIGKILL it). */
  api?: 'in-process' | 'none';
  /** Per-address widget limits; a load test from one address lifts them. */
  widgetLimits?: { connectionsPerMinute: number; framesPer10s: number };
  /** The database's name (default: one of its own); a restore test starts the product on what it restored. */
  database?: string;
  /** Serve the built web app too (browser tests). */
  editorDist?: boolean;
  /** How often the worker applies due KPI rollups (default 2 s); 0: never (a test measuring a quiet store). */
  kpiApplyEveryMs?: number;
  /** How often the API evaluates alert rules (KEFU_ALERT_EVAL_MS); default a minute. */
  alertEvalMs?: number;
  /** Email and API channels: an SMTP listener on a free port, where mail goes out, loopback webhooks. */
  channels?: {
    smtpListener?: boolean;
    smtpUrl?: string;
    mailDomain?: string;
    webhookAllowLoopback?: boolean;
  };
}

export interface RunningProduct {
  url: string;
  wsUrl: string;
  env: NodeJS.ProcessEnv;
  /** The seeded demo workspace every widget test talks to. */
  workspaceId: string;
  /** A separate connection to the product's database, for assertions. */
  models: Models;
  /** The API's SMTP listener, with `channels.smtpListener`. */
  smtpPort?: number;
  stop(): Promise<void>;
}

export interface SharedServers {
  temporalAddress: string;
  /** mongodb://host:port/ — each product gets a database of its own under it. */
  mongoBaseUri: string;
  /** The PostgreSQL under the embedded FerretDB ('' with a real MongoDB). */
  postgresUrl?: string;
  workflowBundlePath: string;
}

/**
 * The real product: the API listening on a free port and a worker, on the given servers, with a
 * database and a task queue of its own.
 */
export async function startProductOn(
  servers: SharedServers,
  options: ProductOptions = {},
): Promise<RunningProduct> {
  quietTemporalRuntime();
  const id = randomBytes(6).toString('hex');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    MONGODB_URI: `${servers.mongoBaseUri}${options.database ?? `kefu_test_${id}`}`,
    ...(servers.postgresUrl ? { KEFU_POSTGRES_URL: servers.postgresUrl } : {}),
    TEMPORAL_ADDRESS: servers.temporalAddress,
    TEMPORAL_NAMESPACE: 'default',
    KEFU_TASK_QUEUE: `kefu-test-${id}`,
    KEFU_INTERNAL_TOKEN: randomBytes(16).toString('hex'),
    KEFU_API_URL: url,
    KEFU_WORKFLOW_BUNDLE: servers.workflowBundlePath,
    KEFU_METRICS_TOKEN: randomBytes(16).toString('hex'),
    // The test process's own data keys: an API or worker it starts reads what it wrote, and back.
    ...dataKeysEnv(dataKeys()),
    KEFU_TEMPORAL_CODEC_KEYS: newCodecKeys(),
    KEFU_TEMPORAL_CODEC_TOKEN: randomBytes(16).toString('hex'),
    KEFU_TEMPORAL_UI_ORIGIN: 'http://localhost:8233',
  };
  const codecKeys = parseCodecKeys(env.KEFU_TEMPORAL_CODEC_KEYS!);
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  if ((options.api ?? 'in-process') === 'in-process') {
    app = await buildApp(
      {
        mongoUri: env.MONGODB_URI!,
        postgresUrl: env.KEFU_POSTGRES_URL,
        temporalAddress: env.TEMPORAL_ADDRESS!,
        temporalNamespace: 'default',
        taskQueue: env.KEFU_TASK_QUEUE!,
        internalToken: env.KEFU_INTERNAL_TOKEN!,
        metricsToken: env.KEFU_METRICS_TOKEN!,
        temporalCodecKeys: codecKeys,
        temporalCodecToken: env.KEFU_TEMPORAL_CODEC_TOKEN!,
        temporalUiOrigin: env.KEFU_TEMPORAL_UI_ORIGIN!,
        // KEFU_EDITOR_DIST: a build elsewhere, so a test run need not rebuild the shared editor/dist.
        editorDist: options.editorDist
          ? (process.env.KEFU_EDITOR_DIST ?? join(repoRoot, 'editor', 'dist'))
          : undefined,
        ...(options.channels?.smtpListener ? { smtpPort: 0 } : {}),
        ...(options.channels?.mailDomain ? { mailDomain: options.channels.mailDomain } : {}),
        ...(options.channels?.webhookAllowLoopback ? { webhookAllowLoopback: true } : {}),
        // The API mails alert notices itself (the worker may be what is down).
        ...(options.channels?.smtpUrl ? { smtpUrl: options.channels.smtpUrl } : {}),
        ...(options.alertEvalMs ? { alertEvalMs: options.alertEvalMs } : {}),
        ...(options.widgetLimits
          ? {
              widgetPerMinute: options.widgetLimits.connectionsPerMinute,
              widgetFramesPer10s: options.widgetLimits.framesPer10s,
            }
          : {}),
      },
      { logger: { level: process.env.KEFU_TEST_LOG ?? 'warn' } },
    );
    await seedDemoWorkspace(app.models, { info: () => {} });
    await app.listen({ host: '127.0.0.1', port });
  }

  let worker: Awaited<ReturnType<typeof createFlowWorker>> | null = null;
  let workerRun: Promise<void> | null = null;
  if ((options.worker ?? 'in-process') === 'in-process') {
    worker = await createFlowWorker({
      temporalAddress: env.TEMPORAL_ADDRESS!,
      namespace: 'default',
      taskQueue: env.KEFU_TASK_QUEUE!,
      mongoUri: env.MONGODB_URI!,
      postgresUrl: env.KEFU_POSTGRES_URL,
      apiUrl: url,
      internalToken: env.KEFU_INTERNAL_TOKEN!,
      codecKeys,
      workflowBundlePath: env.KEFU_WORKFLOW_BUNDLE!,
      ...(options.kpiApplyEveryMs !== undefined ? { kpiApplyEveryMs: options.kpiApplyEveryMs } : {}),
      outbound: {
        mailDomain: options.channels?.mailDomain ?? 'kefu.localhost',
        ...(options.channels?.smtpUrl ? { smtpUrl: options.channels.smtpUrl } : {}),
        webhookAllowLoopback: options.channels?.webhookAllowLoopback ?? false,
      },
    });
    workerRun = worker.run();
  }

  // The test's own connection prepares the store too: with api and worker 'none' it is the first.
  const { conn: db, models } = await openStore({
    mongoUri: env.MONGODB_URI!,
    postgresUrl: env.KEFU_POSTGRES_URL,
  });
  // A test's assertions may look documents up any way (the product's own queries stay audited).
  exemptFromQueryAudit(db, "a test's own connection, for its assertions");
  // The API seeds the demo shop at start; without an API yet, seed it here (it is idempotent).
  const workspaceId = await seedDemoWorkspace(models, { info: () => {} });
  return {
    url,
    wsUrl: `${url.replace('http', 'ws')}/ws/widget`,
    env,
    workspaceId,
    models,
    ...(app?.smtpListener ? { smtpPort: app.smtpListener.port } : {}),
    async stop() {
      worker?.shutdown();
      await workerRun;
      await app?.close();
      await db.dropDatabase().catch(() => {});
      await db.close();
    },
  };
}

/** The worker as its own OS process, so a test can SIGKILL it like a crash would. */
export function spawnWorker(env: NodeJS.ProcessEnv, extra: NodeJS.ProcessEnv = {}): Spawned {
  return spawnApp('workers/src/main.ts', 'worker polling task queue', env, extra);
}

/** The API server as its own OS process, listening on the product's port. */
export function spawnApi(env: NodeJS.ProcessEnv, extra: NodeJS.ProcessEnv = {}): Spawned {
  const port = new URL(env.KEFU_API_URL!).port;
  return spawnApp(
    'runtime/src/server.ts',
    'Server listening',
    { KEFU_LOG_LEVEL: 'info', ...env, KEFU_PORT: port },
    extra,
  );
}

export type Spawned = ChildProcess & {
  ready: Promise<void>;
  /** Resolves once the process has printed `line` (at any time since it started). */
  printed(line: string): Promise<void>;
};

function spawnApp(
  entry: string,
  readyLine: string,
  env: NodeJS.ProcessEnv,
  extra: NodeJS.ProcessEnv,
): Spawned {
  // `node --import tsx`, not the tsx CLI: the CLI runs the program in a second process, which a
  // SIGKILL of the first would leave running.
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: repoRoot,
    env: { ...process.env, ...env, ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as Spawned;
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.printed = (line) =>
    new Promise((resolve, reject) => {
      const check = () => {
        if (!output.includes(line)) return;
        child.stdout?.off('data', check);
        child.stderr?.off('data', check);
        resolve();
      };
      child.stdout?.on('data', check);
      child.stderr?.on('data', check);
      child.once('exit', (code, signal) =>
        reject(new Error(`${entry} exited (${code ?? signal}) before it printed "${line}":\n${output}`)),
      );
      check();
    });
  child.ready = child.printed(readyLine);
  return child;
}

export { stopChild, waitForPort };

let runtimeInstalled = false;
/** Temporal's per-worker INFO lines drown test output; warnings and errors still show. */
function quietTemporalRuntime() {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger((process.env.KEFU_TEST_TEMPORAL_LOG as 'WARN') ?? 'WARN') });
}
