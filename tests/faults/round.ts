/**
 * One round: a fresh system, N customers chatting, `kills` SIGKILLs of one part at random moments
 * (each restarted after a short random pause, the next kill only once replies flow again), then the
 * load stops and the tally waits for the system to go quiet.
 */
import { openStore } from '@kefu/runtime/store';
import { exemptFromQueryAudit } from '@kefu/runtime/models';
import { startSystem, log, type Target } from './system';
import { WidgetCustomer } from './widget-customer';
import { tally, settled, type Tally } from './tally';
import type { Options } from './options';

export interface RoundResult {
  target: Target;
  kills: number;
  tally: Tally;
  /** Per kill: ms from the SIGKILL to the first bot message pushed after the restart (null: none came). */
  recoveries: (number | null)[];
  /** ms from the end of the load until every message was stored once and answered once (null: never). */
  backlogClearedMs: number | null;
  unexpectedExits: Map<Target, number>;
  dir: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const between = ([lo, hi]: [number, number]) => lo + Math.random() * (hi - lo);
/** Long enough for a restart on a busy machine; a kill whose replies never resume is reported, not waited for. */
const RECOVERY_WAIT_MS = 180_000;

export async function runRound(
  target: Target,
  options: Options,
  dir: string,
  bundlePath: string,
): Promise<RoundResult> {
  log(`round "${target}": starting the system in ${dir}`);
  const system = await startSystem(dir, bundlePath);
  const { conn, models } = await openStore({ mongoUri: system.mongoUri, postgresUrl: system.postgresUrl });
  exemptFromQueryAudit(conn, "the fault harness's own connection, for its tally");
  const customers: WidgetCustomer[] = [];
  try {
    const workspace = await models.Workspace.findOne({ publicKey: 'demo' }).lean().orFail();
    const workspaceId = String(workspace._id);
    const wsUrl = `${system.apiUrl.replace('http', 'ws')}/ws/widget`;
    let lastBotPush = 0;
    const run = Date.now().toString(36);
    for (let c = 0; c < options.conversations; c++) {
      const customer = new WidgetCustomer(
        wsUrl,
        `faults-${target}-${run}-${c}`,
        `127.0.${1 + Math.floor(c / 250)}.${(c % 250) + 2}`,
      );
      customer.onBotMessage = () => (lastBotPush = Date.now());
      customers.push(customer);
      customer.start();
    }
    await until(() => customers.every((c) => c.sessions > 0), 120_000, 'every customer has a session');

    let loading = true;
    const senders = customers.map(async (customer) => {
      while (loading) {
        await sleep(options.messageEveryMs * (0.5 + Math.random()));
        if (loading) customer.send();
      }
    });

    const recoveries: (number | null)[] = [];
    for (let k = 1; k <= options.kills; k++) {
      await sleep(between(options.killAfterMs));
      const killedAt = Date.now();
      system.kill(target);
      await sleep(between(options.downForMs));
      await system.restart(target);
      const restartedAt = Date.now();
      const recovered = await until(() => lastBotPush > restartedAt, RECOVERY_WAIT_MS, '').then(
        () => lastBotPush - killedAt,
        () => null,
      );
      recoveries.push(recovered);
      log(
        `  kill ${k}/${options.kills} of ${target}: restarted after ${((restartedAt - killedAt) / 1000).toFixed(1)} s, ` +
          (recovered === null
            ? 'no reply since'
            : `replies again ${(recovered / 1000).toFixed(1)} s after the kill`),
      );
    }
    if (options.kills === 0) await sleep(30_000);
    loading = false;
    await Promise.all(senders);
    const loadEnded = Date.now();
    log(
      `  load ended: ${customers.reduce((n, c) => n + c.sent.length, 0)} customer messages; waiting for quiet`,
    );

    let last = await tally(models, workspaceId, customers);
    let backlogClearedMs: number | null = null;
    while (Date.now() - loadEnded < options.quietDeadlineMs) {
      if (settled(last)) {
        backlogClearedMs = Date.now() - loadEnded;
        break;
      }
      await sleep(3000);
      last = await tally(models, workspaceId, customers).catch((err) => {
        log(`  tally failed (${(err as Error).message}); trying again`);
        return last;
      });
    }
    // Quiet: anything still in flight (a retried activity, a late sweep) has time to double up.
    if (backlogClearedMs !== null) {
      await sleep(10_000);
      last = await tally(models, workspaceId, customers);
    }
    return {
      target,
      kills: options.kills,
      tally: last,
      recoveries,
      backlogClearedMs,
      unexpectedExits: system.unexpectedExits,
      dir,
    };
  } finally {
    for (const customer of customers) customer.stop();
    await conn.close().catch(() => {});
    await system.stop();
  }
}

async function until(done: () => boolean, ms: number, what: string): Promise<void> {
  for (const deadline = Date.now() + ms; Date.now() < deadline;) {
    if (done()) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting until ${what}`);
}
