/**
 * Starts the real servers Kefu runs on: the Temporal dev server and FerretDB (MongoDB wire protocol
 * on SQLite), each a child process on its own port and data folder. `npm start` uses them with
 * data under data/; tests use them on free ports with throw-away folders.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, createWriteStream } from 'node:fs';
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
  /** Where the server's output goes; inherited when absent. */
  logFile?: string;
}

export async function startTemporal(options: TemporalOptions = {}): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'warn'];
  if (options.uiPort) args.push('--ui-port', String(options.uiPort));
  else args.push('--headless');
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
  /** Folder for FerretDB's SQLite databases. */
  dataDir: string;
  logFile?: string;
}

export async function startFerret(options: FerretOptions): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  mkdirSync(options.dataDir, { recursive: true });
  const child = spawnServer(
    toolPath('ferretdb'),
    [
      '-listen-addr',
      `127.0.0.1:${port}`,
      '-handler',
      'sqlite',
      // BEGIN IMMEDIATE: concurrent writers wait their turn (busy_timeout) instead of failing with
      // SQLITE_BUSY when a read transaction tries to become a write transaction.
      '-sqlite-url',
      `file:${options.dataDir}/?_txlock=immediate`,
    ],
    options.logFile,
  );
  await waitForPort(port, child, 'FerretDB', 30_000);
  return server(`mongodb://127.0.0.1:${port}/`, port, child);
}

function spawnServer(command: string, args: string[], logFile?: string): ChildProcess {
  const child = spawn(command, args, {
    stdio: ['ignore', logFile ? 'pipe' : 'inherit', logFile ? 'pipe' : 'inherit'],
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

function server(address: string, port: number, child: ChildProcess): RunningServer {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return { address, port, process: child, stop: () => stopChild(child) };
}

/** SIGTERM, then SIGKILL if the process has not exited in time. */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
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
