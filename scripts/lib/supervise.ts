import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { stopChild } from './servers';

export interface SuperviseOptions {
  /** Shown in every log line about this app. */
  name: string;
  command: string;
  args: string[];
  spawn?: SpawnOptions;
  /** First wait before a restart; doubles after each crash that came soon after a start. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** An app that ran this long before crashing starts again after the first delay, not a longer one. */
  healthyAfterMs?: number;
  log?: (line: string) => void;
}

export interface Supervised {
  /** The running process, or null while a restart waits. */
  readonly child: ChildProcess | null;
  /** How many times it was started again after a crash. */
  readonly restarts: number;
  /** Stops it and every restart still to come. */
  stop(): Promise<void>;
}

/**
 * Runs an app and starts it again when it dies without being asked to, waiting longer after each
 * crash that follows a start closely (1 s, 2 s, 4 s … up to 30 s) so a crash loop does not spin the
 * machine, and logging each crash with its exit code. `npm start` used to stop everything when one
 * app died: a worker killed by the kernel took the chat down with it.
 */
export function supervise(options: SuperviseOptions): Supervised {
  const firstDelay = options.firstDelayMs ?? 1000;
  const maxDelay = options.maxDelayMs ?? 30_000;
  const healthyAfter = options.healthyAfterMs ?? 60_000;
  const log = options.log ?? ((line: string) => console.error(line));
  let child: ChildProcess | null = null;
  let restarts = 0;
  let delay = firstDelay;
  let stopped = false;
  let pending: NodeJS.Timeout | null = null;

  const start = () => {
    pending = null;
    const startedAt = Date.now();
    const current = spawn(options.command, options.args, options.spawn ?? {});
    child = current;
    current.on('error', (err) => log(`${options.name} could not start: ${err.message}`));
    current.on('exit', (code, signal) => {
      if (child === current) child = null;
      if (stopped) return;
      if (Date.now() - startedAt >= healthyAfter) delay = firstDelay;
      log(
        `${options.name} exited (${code ?? signal}); starting it again in ${Math.round(delay / 100) / 10} s`,
      );
      pending = setTimeout(() => {
        restarts++;
        start();
      }, delay);
      delay = Math.min(delay * 2, maxDelay);
    });
  };
  start();

  return {
    get child() {
      return child;
    },
    get restarts() {
      return restarts;
    },
    async stop() {
      stopped = true;
      if (pending) clearTimeout(pending);
      if (child) await stopChild(child);
    },
  };
}
