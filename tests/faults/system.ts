/**
 * The product as `npm start` runs it, each part its own process on free ports and a throw-away
 * folder: PostgreSQL, FerretDB on it, the Temporal dev server on its SQLite file, the API and the
 * worker (built JavaScript, from the prebuilt workflow bundle). Any part can be SIGKILLed and started again on the
 * same port and data; a part that dies on its own is started again too, and counted.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { workflowsPath } from '@kefu/workers/worker';
import { dataKeysEnv, generatedDataKeys, installDataKeys } from '@kefu/runtime/store';
import { newCodecKeys } from '@kefu/runtime/temporal-codec';
import {
  freePort,
  repoRoot,
  startFerret,
  startPostgres,
  startTemporal,
  stopChild,
  waitForPort,
  type RunningServer,
} from '../../scripts/lib/servers';

/** The data keys of the system under test, installed here too: the harness reads its contacts. */
const faultKeys = generatedDataKeys();
installDataKeys(faultKeys);

export const targets = ['api', 'worker', 'temporal', 'database', 'postgres'] as const;
export type Target = (typeof targets)[number];

interface Part {
  child: ChildProcess;
  /** Set while the harness itself stops or kills the part, so its exit is not taken for a crash. */
  expected: boolean;
}

export interface System {
  apiUrl: string;
  mongoUri: string;
  postgresUrl: string;
  dir: string;
  /** Exits nobody asked for (a part that died because another did), by part. */
  unexpectedExits: Map<Target, number>;
  kill(target: Target): void;
  restart(target: Target): Promise<void>;
  stop(): Promise<void>;
}

/** The API and the worker as built JavaScript, as `npm start` runs them (scripts/build-app.ts). */
export function buildApps(): void {
  const build = spawnSync(
    'node_modules/.bin/turbo',
    ['run', 'build', '--filter=@kefu/runtime', '--filter=@kefu/workers', '--output-logs=errors-only'],
    { cwd: repoRoot, stdio: 'inherit' },
  );
  if (build.status !== 0) throw new Error('the API or the worker did not build');
}

export async function bundleWorkflows(dir: string): Promise<string> {
  const path = join(dir, 'workflow-bundle.js');
  const bundle = await bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') });
  writeFileSync(path, bundle.code);
  return path;
}

export async function startSystem(dir: string, workflowBundlePath: string): Promise<System> {
  const [pgPort, ferretPort, temporalPort, apiPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const logs = (name: string) => join(dir, `${name}.log`);
  const parts = new Map<Target, Part>();
  const unexpectedExits = new Map<Target, number>();
  let stopping = false;

  const postgres = await startPostgres({
    dataDir: join(dir, 'postgres'),
    port: pgPort,
    logFile: logs('postgres'),
  });
  const mongoUri = `mongodb://127.0.0.1:${ferretPort}/kefu`;
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MONGODB_URI: mongoUri,
    KEFU_POSTGRES_URL: postgres.address,
    TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
    KEFU_PORT: String(apiPort),
    KEFU_API_URL: apiUrl,
    KEFU_INTERNAL_TOKEN: randomBytes(16).toString('hex'),
    ...dataKeysEnv(faultKeys),
    KEFU_TEMPORAL_CODEC_KEYS: newCodecKeys(),
    KEFU_WORKFLOW_BUNDLE: workflowBundlePath,
    KEFU_SMTP_PORT: undefined,
    KEFU_LOG_LEVEL: 'info',
  };

  const starters: Record<Target, () => Promise<ChildProcess>> = {
    postgres: async () =>
      (await startPostgres({ dataDir: join(dir, 'postgres'), port: pgPort, logFile: logs('postgres') }))
        .process,
    database: async () =>
      (await startFerret({ port: ferretPort, postgresUrl: postgres.address, logFile: logs('ferretdb') }))
        .process,
    temporal: async () =>
      (
        await startTemporal({
          port: temporalPort,
          dbFile: join(dir, 'temporal.db'),
          logFile: logs('temporal'),
        })
      ).process,
    api: async () => {
      const child = spawnApp('runtime/dist/server.js', env, logs('api'));
      await waitForPort(apiPort, child, 'The API', 120_000);
      return child;
    },
    worker: async () => {
      const child = spawnApp('workers/dist/main.js', env, logs('worker'));
      await readyLine(child, 'worker polling task queue', 120_000);
      return child;
    },
  };

  async function start(target: Target): Promise<void> {
    const child = await withRetries(target, starters[target]);
    const part: Part = { child, expected: false };
    parts.set(target, part);
    child.once('exit', (code, signal) => {
      if (part.expected || stopping) return;
      unexpectedExits.set(target, (unexpectedExits.get(target) ?? 0) + 1);
      log(`${target} exited on its own (${code ?? signal}); starting it again`);
      setTimeout(() => void start(target).catch((err) => log(`${target} did not restart: ${err}`)), 1000);
    });
  }

  parts.set('postgres', { child: postgres.process, expected: false });
  await start('database');
  await start('temporal');
  await start('api');
  await start('worker');

  return {
    apiUrl,
    mongoUri,
    postgresUrl: postgres.address,
    dir,
    unexpectedExits,
    kill(target) {
      const part = parts.get(target);
      if (!part) throw new Error(`${target} is not running`);
      part.expected = true;
      part.child.kill('SIGKILL');
    },
    async restart(target) {
      const part = parts.get(target);
      if (part && part.child.exitCode === null && part.child.signalCode === null)
        await new Promise((resolve) => part.child.once('exit', resolve));
      await start(target);
    },
    async stop() {
      stopping = true;
      for (const target of ['worker', 'api', 'temporal', 'database', 'postgres'] as const) {
        const part = parts.get(target);
        if (!part) continue;
        part.expected = true;
        await stopChild(part.child, 10_000, target === 'postgres' ? 'SIGINT' : 'SIGTERM');
      }
    },
  };
}

/** A part may refuse to start for a moment after a kill (PostgreSQL's old backends, a port in TIME_WAIT). */
async function withRetries(target: Target, startOnce: () => Promise<ChildProcess>): Promise<ChildProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce();
    } catch (err) {
      if (attempt >= 10) throw err;
      log(`${target} did not start (${(err as Error).message.split('\n')[0]}); trying again`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}

export function log(line: string): void {
  console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);
}

/** An app as its own OS process, its output in a log file. */
function spawnApp(entry: string, env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  const child = spawn(process.execPath, ['--enable-source-maps', entry], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = createWriteStream(logFile, { flags: 'a' });
  out.write(`\n--- ${new Date().toISOString()} started ${entry} (pid ${child.pid})\n`);
  child.stdout?.pipe(out, { end: false });
  child.stderr?.pipe(out, { end: false });
  child.once('exit', (code, signal) =>
    out.end(`--- ${new Date().toISOString()} exited (${code ?? signal})\n`),
  );
  alive.add(child);
  child.once('exit', () => alive.delete(child));
  return child;
}

function readyLine(child: ChildProcess, line: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`no "${line}" within ${timeoutMs} ms`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-4096);
      if (seen.includes(line)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code ?? signal}) before it was ready`));
    });
  });
}

const alive = new Set<ChildProcess>();
// The apps must not outlive the harness, whatever way it ends (servers.ts does the same for servers).
process.once('exit', () => {
  for (const child of alive) child.kill('SIGKILL');
});

export type { RunningServer };
