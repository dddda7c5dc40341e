import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { supervise, type Supervised } from '../../scripts/lib/supervise';

// `npm start` keeps its API and worker running: a crash is logged and the app started again, with a
// growing wait while it keeps crashing. Real child processes, real exits.
describe('npm start supervising an app', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-supervise-'));
  const running: Supervised[] = [];
  afterAll(async () => {
    for (const app of running) await app.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const starts = (file: string) => readFileSync(file, 'utf8').length;
  /** A node program that records each start in `file`, then runs `rest`. */
  const app = (file: string, rest: string, options: { healthyAfterMs?: number } = {}) => {
    const lines: string[] = [];
    const supervised = supervise({
      name: 'worker',
      command: process.execPath,
      args: ['-e', `require('fs').appendFileSync(${JSON.stringify(file)}, 'x'); ${rest}`],
      firstDelayMs: 100,
      maxDelayMs: 400,
      healthyAfterMs: options.healthyAfterMs ?? 60_000,
      log: (line) => lines.push(line),
    });
    running.push(supervised);
    return { supervised, lines };
  };

  it('starts a crashing app again, waiting longer after each crash up to the cap, and logs why', async () => {
    const file = join(dir, 'crashing');
    appendFileSync(file, '');
    const { supervised, lines } = app(file, 'process.exit(3)');
    await expect.poll(() => starts(file), { timeout: 30_000 }).toBeGreaterThanOrEqual(5);
    await supervised.stop();
    expect(lines.slice(0, 4)).toEqual([
      'worker exited (3); starting it again in 0.1 s',
      'worker exited (3); starting it again in 0.2 s',
      'worker exited (3); starting it again in 0.4 s',
      'worker exited (3); starting it again in 0.4 s',
    ]);
    expect(supervised.restarts).toBeGreaterThanOrEqual(4);
  });

  it('goes back to the first wait after an app ran long enough to count as healthy', async () => {
    const file = join(dir, 'healthy-then-crash');
    appendFileSync(file, '');
    // Runs 300 ms (healthy after 200 ms here), then crashes.
    const { supervised, lines } = app(file, 'setTimeout(() => process.exit(1), 300)', {
      healthyAfterMs: 200,
    });
    await expect.poll(() => starts(file), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    await supervised.stop();
    expect(lines.slice(0, 2)).toEqual([
      'worker exited (1); starting it again in 0.1 s',
      'worker exited (1); starting it again in 0.1 s',
    ]);
  });

  it('stops a running app for good: no restart after it was asked to stop, even by a signal', async () => {
    const file = join(dir, 'stopped');
    appendFileSync(file, '');
    const { supervised, lines } = app(file, 'setInterval(() => {}, 1000)');
    await expect.poll(() => supervised.child?.pid, { timeout: 30_000 }).toBeTruthy();
    await expect.poll(() => starts(file), { timeout: 30_000 }).toBe(1);
    const child = supervised.child!;
    await supervised.stop();
    expect(child.signalCode ?? child.exitCode).toBeTruthy();
    await new Promise((r) => setTimeout(r, 500));
    expect(starts(file)).toBe(1);
    expect(lines).toEqual([]);
    expect(supervised.child).toBeNull();
  });

  it('starts again an app killed from outside (SIGKILL, as the kernel does when memory runs out)', async () => {
    const file = join(dir, 'killed');
    appendFileSync(file, '');
    const { supervised, lines } = app(file, 'setInterval(() => {}, 1000)');
    await expect.poll(() => starts(file), { timeout: 30_000 }).toBe(1);
    const first = supervised.child!;
    first.kill('SIGKILL');
    await expect.poll(() => starts(file), { timeout: 30_000 }).toBe(2);
    expect(lines).toEqual(['worker exited (SIGKILL); starting it again in 0.1 s']);
    expect(supervised.child?.pid).not.toBe(first.pid);
    await supervised.stop();
  });
});
