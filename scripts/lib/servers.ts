/**
 * Starts the real servers Kefu runs on: the Temporal dev server and the store (FerretDB, MongoDB's
 * wire protocol, on a private PostgreSQL cluster), each a child process on its own port and folder. `npm start` uses them with
 * data under data/; tests use them on free ports with throw-away folders.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
} from 'node:fs';
import { createServer, connect } from 'node:net';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const toolsBin = join(repoRoot, '.tools', 'bin');

export interface RunningServer {
  /** Address for clients: host:port for Temporal, a mongodb:// URI for FerretDB. */
  address: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** A tool the project built into .tools/bin, or the same name on PATH. */
export function toolPath(name: string): string {
  const local = join(toolsBin, name);
  return existsSync(local) ? local : name;
}

/**
 * A free port can be taken by another process (a parallel test file, a second test run) between
 * the probe and the server's bind. The server that lost the race exits, but the port answers — with
 * the other process's server, which its tests would then share and whose shutdown would cut them off
 * ("terminating connection due to administrator command", seen on a clean clone beside another run).
 * So a server proves the port is its own, and on a lost race starts again on another free port.
 */
class PortTaken extends Error {
  constructor(name: string, port: number) {
    super(`${name}: port ${port} was taken by another process`);
  }
}

async function onOwnPort<T>(fixed: number | undefined, start: (port: number) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start(fixed ?? (await freePort()));
    } catch (err) {
      if (!(err instanceof PortTaken) || fixed !== undefined || attempt >= 5) throw err;
    }
  }
}

/** PostgreSQL says in its postmaster.pid which port it listens on and when it is ready. */
async function readyOnPort(dataDir: string, port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new PortTaken('PostgreSQL', port);
    const lines = existsSync(join(dataDir, 'postmaster.pid'))
      ? readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')
      : [];
    if (lines[3]?.trim() === String(port) && lines[7]?.trim() === 'ready') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`PostgreSQL did not say it was ready on port ${port} within 60 s`);
}

export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface TemporalOptions {
  port?: number;
  /** SQLite file for durable state; in memory when absent. */
  dbFile?: string;
  /** Serve Temporal's web UI on this port. */
  uiPort?: number;
  /** The UI's remote codec endpoint: Kefu's /temporal-codec, so the UI can show encrypted payloads. */
  uiCodecEndpoint?: string;
  /** Where the server's output goes; inherited when absent. */
  logFile?: string;
}

export async function startTemporal(options: TemporalOptions = {}): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'warn'];
  if (options.uiPort) args.push('--ui-port', String(options.uiPort));
  else args.push('--headless');
  if (options.uiCodecEndpoint) args.push('--ui-codec-endpoint', options.uiCodecEndpoint);
  if (options.dbFile) {
    mkdirSync(dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile, '--sqlite-pragma', 'journal_mode=wal');
  }
  // Eager activities skip one server round trip per reply: the worker that completed the workflow
  // task runs the activity it scheduled straight away (off by default in the server).
  args.push('--dynamic-config-value', 'system.enableActivityEagerExecution=true');
  const child = spawnServer(toolPath('temporal'), args, options.logFile);
  await waitForPort(port, child, 'Temporal', 60_000);
  return server(`127.0.0.1:${port}`, port, child);
}

export interface FerretOptions {
  port?: number;
  /** FerretDB's backend: a PostgreSQL URL (the embedded default, see startStore)… */
  postgresUrl?: string;
  /** …or a folder for SQLite databases (only to read a store from before PostgreSQL, see migrate-store). */
  sqliteDir?: string;
  logFile?: string;
}

export async function startFerret(options: FerretOptions): Promise<RunningServer> {
  return await onOwnPort(options.port, (port) => startFerretOn(port, options));
}

async function startFerretOn(port: number, options: FerretOptions): Promise<RunningServer> {
  const backend: string[] = [];
  if (options.postgresUrl) backend.push('-handler', 'postgresql', '-postgresql-url', options.postgresUrl);
  else if (options.sqliteDir) {
    mkdirSync(options.sqliteDir, { recursive: true });
    // BEGIN IMMEDIATE: concurrent writers wait their turn (busy_timeout) instead of failing with
    // SQLITE_BUSY when a read transaction tries to become a write transaction.
    backend.push('-handler', 'sqlite', '-sqlite-url', `file:${options.sqliteDir}/?_txlock=immediate`);
  } else throw new Error('startFerret needs postgresUrl or sqliteDir');
  // Errors only: FerretDB dumps every refused command's wire message at warn, and refused writes are
  // expected (the stale-write guard refuses a write computed from a stale read; the driver retries).
  const child = spawnServer(
    toolPath('ferretdb'),
    ['-listen-addr', `127.0.0.1:${port}`, '-log-level', 'error', ...backend],
    options.logFile,
  );
  await waitForPort(port, child, 'FerretDB', 60_000);
  // A FerretDB that could not bind exits at once; the answer came from another one on that port.
  await new Promise((r) => setTimeout(r, 300));
  if (child.exitCode !== null || child.signalCode !== null) throw new PortTaken('FerretDB', port);
  return server(`mongodb://127.0.0.1:${port}/`, port, child);
}

export interface PostgresOptions {
  port?: number;
  /** The cluster's folder (created by initdb on first start). */
  dataDir: string;
  logFile?: string;
  /**
   * false for throw-away test data: no fsync, so a test run does not wait on the disk. The product's
   * own store is always durable.
   */
  durable?: boolean;
}

/** The PostgreSQL binaries of Debian's postgresql package (the newest major version installed). */
export function postgresBin(name: string): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!majors.length)
    throw new Error(
      "PostgreSQL is not installed: run `bash scripts/setup.sh` (it installs Debian's postgresql)",
    );
  return join(root, majors[0]!, 'bin', name);
}

/**
 * A private PostgreSQL cluster on its own port and folder, the storage under FerretDB. initdb and
 * the server refuse to run as root, so as root they run as the `postgres` user (the package makes
 * it), on a folder that user owns.
 */
export async function startPostgres(options: PostgresOptions): Promise<RunningServer> {
  return await onOwnPort(options.port, (port) => startPostgresOn(port, options));
}

async function startPostgresOn(port: number, options: PostgresOptions): Promise<RunningServer> {
  const durable = options.durable ?? true;
  const as = unprivilegedUser();
  mkdirSync(options.dataDir, { recursive: true });
  if (as) {
    chownSync(options.dataDir, as.uid, as.gid);
    letThrough(dirname(options.dataDir));
  }
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) {
    const init = spawnSync(
      postgresBin('initdb'),
      [
        '-D',
        options.dataDir,
        '-U',
        'kefu',
        '--auth=trust',
        '-E',
        'UTF8',
        '--locale=C',
        ...(durable ? [] : ['--no-sync']),
      ],
      { encoding: 'utf8', ...(as ?? {}) },
    );
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout || init.error}`);
  }
  const settings = {
    listen_addresses: '127.0.0.1',
    port: String(port),
    // No socket file: the cluster is reached over loopback TCP only, and a long data path cannot
    // overflow the socket path limit.
    unix_socket_directories: '',
    max_connections: '200',
    shared_buffers: '256MB',
    // FerretDB sends the field name of an equality filter as a parameter (`_jsonb->$1 @> $2`); only
    // a plan made for the actual values uses the expression indexes prepareStore creates.
    plan_cache_mode: 'force_custom_plan',
    // Per-statement counters (rows FerretDB fetched, pages read): how tests show a request's reads
    // stay flat as data grows (runtime/src/store/store-reads.ts), and what to look at in a slow store.
    shared_preload_libraries: 'pg_stat_statements',
    ...(durable ? {} : { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }),
  };
  const args = ['-D', options.dataDir, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  const child = spawnServer(postgresBin('postgres'), args, options.logFile, as ?? undefined);
  await waitForPort(port, child, 'PostgreSQL', 60_000);
  await readyOnPort(options.dataDir, port, child);
  await createDatabaseOnce(port, 'kefu');
  // SIGINT is PostgreSQL's fast shutdown: it does not wait for clients (FerretDB) to hang up.
  return server(`postgres://kefu@127.0.0.1:${port}/kefu`, port, child, 'SIGINT');
}

export interface StoreOptions {
  /** Holds postgres/ (the cluster); FerretDB keeps nothing of its own. */
  dataDir: string;
  /** FerretDB's MongoDB port; free when absent. */
  port?: number;
  postgresPort?: number;
  logDir?: string;
  durable?: boolean;
}

export interface RunningStore {
  /** mongodb://127.0.0.1:port/ — a database name goes after it. */
  mongoBaseUri: string;
  /** For prepareStore: the indexes and write guards FerretDB's tables need. */
  postgresUrl: string;
  stop(): Promise<void>;
}

/** The embedded store: FerretDB (MongoDB wire protocol) on a private PostgreSQL cluster. */
export async function startStore(options: StoreOptions): Promise<RunningStore> {
  const postgres = await startPostgres({
    dataDir: join(options.dataDir, 'postgres'),
    port: options.postgresPort,
    durable: options.durable,
    logFile: options.logDir && join(options.logDir, 'postgres.log'),
  });
  let ferret: RunningServer;
  try {
    ferret = await startFerret({
      port: options.port,
      postgresUrl: postgres.address,
      logFile: options.logDir && join(options.logDir, 'ferretdb.log'),
    });
  } catch (err) {
    await postgres.stop();
    throw err;
  }
  return {
    mongoBaseUri: ferret.address,
    postgresUrl: postgres.address,
    async stop() {
      await ferret.stop();
      await postgres.stop();
    },
  };
}

function unprivilegedUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('running as root and there is no postgres user: run `bash scripts/setup.sh`');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * The server's user must be able to pass through every folder above its data folder; a temporary
 * folder (mode 700) would stop it. Adds search permission (x) only, never read.
 */
function letThrough(dir: string): void {
  for (let d = dir; d !== dirname(d); d = dirname(d)) {
    const mode = statSync(d).mode;
    if ((mode & 0o001) === 0) chmodSync(d, mode | 0o001);
  }
}

async function createDatabaseOnce(
  port: number,
  name: string,
  deadline = Date.now() + 120_000,
): Promise<void> {
  const exists = spawnSync(
    postgresBin('psql'),
    [
      '-h',
      '127.0.0.1',
      '-p',
      String(port),
      '-U',
      'kefu',
      '-d',
      'postgres',
      '-qAtc',
      `SELECT 1 FROM pg_database WHERE datname = '${name}'`,
    ],
    { encoding: 'utf8' },
  );
  if (exists.status !== 0) {
    // The port opens before the server takes queries (startup, crash recovery after a kill).
    if (/starting up|shutting down|recovery/.test(exists.stderr) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      return createDatabaseOnce(port, name, deadline);
    }
    throw new Error(`psql failed: ${exists.stderr}`);
  }
  if (exists.stdout.trim() === '1') return;
  const created = spawnSync(
    postgresBin('createdb'),
    ['-h', '127.0.0.1', '-p', String(port), '-U', 'kefu', name],
    {
      encoding: 'utf8',
    },
  );
  if (created.status !== 0) throw new Error(`createdb failed: ${created.stderr}`);
}

function spawnServer(
  command: string,
  args: string[],
  logFile?: string,
  as?: { uid: number; gid: number },
): ChildProcess {
  const child = spawn(command, args, {
    stdio: ['ignore', logFile ? 'pipe' : 'inherit', logFile ? 'pipe' : 'inherit'],
    ...(as ?? {}),
  });
  if (logFile) {
    mkdirSync(dirname(logFile), { recursive: true });
    const out = createWriteStream(logFile, { flags: 'a' });
    child.stdout?.pipe(out);
    child.stderr?.pipe(out);
  }
  return child;
}

const running = new Set<ChildProcess>();
// A server must not outlive the process that started it, whatever way that process ends.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function server(
  address: string,
  port: number,
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGTERM',
): RunningServer {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return { address, port, process: child, stop: () => stopChild(child, 10_000, signal) };
}

/** SIGTERM (or the server's own stop signal), then SIGKILL if the process has not exited in time. */
export async function stopChild(
  child: ChildProcess,
  graceMs = 10_000,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export async function waitForPort(port: number, child: ChildProcess | null, name: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && (child.exitCode !== null || child.signalCode !== null))
      throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before listening on ${port}`);
    if (await canConnect(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} did not listen on port ${port} within ${timeoutMs} ms`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
