import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { KpiReport } from '@kefu/schemas/api';
import { generateMonth } from '@kefu/runtime/generate-month';
import { allDifferences, recompute } from './support/kpi-recompute';
import { spawnWorker, startProduct, stopChild, type RunningProduct } from './support/product';
import { signUpStaffShop, type StaffShop } from './support/staff';

/**
 * Acceptance (issue #17): the worker is killed while it writes the KPI rollups; after a restart
 * the figures still equal the recomputation from the raw records. The product's writes only mark
 * their documents due; the worker, a real OS process here, applies them (workers/src/kpi-applier.ts)
 * and is killed with SIGKILL twice: once exactly between a ledger entry and its bucket increment
 * (a fault point), once at whatever moment it has reached in the middle of applying. The last
 * worker finishes, the sweep applies the entries the dead ones left (after REAPPLY_AFTER_MS, a
 * minute), and every figure equals the test's own recomputation.
 */
const N = 300;
const ZONE = 'Asia/Shanghai';
const FROM = '2026-10-01';
const TO = '2026-10-31';

describe('KPI rollups when the worker applying them is killed', () => {
  let product: RunningProduct;
  let shop: StaffShop;
  const children: ReturnType<typeof spawnWorker>[] = [];
  const worker = (extra: NodeJS.ProcessEnv = {}) => {
    const child = spawnWorker(product.env, { KEFU_KPI_APPLY_MS: '100', ...extra });
    children.push(child);
    return child;
  };
  const exited = (child: ReturnType<typeof spawnWorker>) =>
    new Promise<NodeJS.Signals | null>((resolve) =>
      child.exitCode !== null || child.signalCode !== null
        ? resolve(child.signalCode)
        : child.once('exit', (_code, signal) => resolve(signal)),
    );

  beforeAll(async () => {
    product = await startProduct({ worker: 'none' });
    shop = await signUpStaffShop(product.url, 'kpicrash');
    await product.models.Workspace.updateOne({ _id: shop.workspaceId }, { $set: { timeZone: ZONE } });
  });
  afterEach(async () => {
    await Promise.all(children.splice(0).map((c) => stopChild(c)));
  });
  afterAll(async () => {
    await product?.stop();
  });

  /** Documents marked and not yet noted, and ledger entries not yet applied. */
  async function due() {
    const m = product.models;
    const workspaceId = shop.workspaceId;
    const counts = await Promise.all([
      m.Conversation.countDocuments({ workspaceId, kpiDue: 'due' }),
      m.Ticket.countDocuments({ workspaceId, kpiDue: 'due' }),
      m.SurveyResponse.countDocuments({ workspaceId, kpiDue: 'due' }),
      m.PresenceSpan.countDocuments({ workspaceId, kpiDue: 'due' }),
      m.KpiEvent.countDocuments({ workspaceId, due: 'due' }),
    ]);
    return { documents: counts[0] + counts[1] + counts[2] + counts[3], ledger: counts[4] };
  }

  it('equals the recomputation after kill -9 mid-way and a restart', async () => {
    // A month played write by write, as the product writes: every document is left marked due.
    await generateMonth(product.models, {
      workspaceId: shop.workspaceId,
      conversations: N,
      played: N,
      start: FROM,
      days: 30,
      concurrency: 8,
    });
    const marked = await due();
    expect(marked.documents).toBeGreaterThan(N);
    expect(marked.ledger).toBe(0);

    // Dies between a ledger entry and its bucket increment.
    const first = worker({ KEFU_FAULT_POINT: 'kpi-event-ledgered' });
    expect(await exited(first)).toBe('SIGKILL');
    expect((await due()).ledger).toBe(1);

    // Killed at whatever point it reached, part of the way through.
    const second = worker();
    await second.ready;
    await expect
      .poll(async () => (await due()).documents, { timeout: 120_000, interval: 50 })
      .toBeLessThan(marked.documents - 50);
    second.kill('SIGKILL');
    expect(await exited(second)).toBe('SIGKILL');
    const left = await due();
    expect(left.documents).toBeGreaterThan(0);

    const third = worker();
    await third.ready;
    await expect.poll(due, { timeout: 240_000, interval: 1000 }).toEqual({ documents: 0, ledger: 0 });

    const figures = await recompute(product.models, shop.workspaceId, ZONE);
    const read = async (url: string) => {
      const res = await fetch(`${product.url}${url}`, { headers: { cookie: shop.cookie } });
      expect(res.status, url).toBe(200);
      return (await res.json()) as KpiReport;
    };
    expect(await allDifferences(read, figures, FROM, TO)).toEqual([]);
    const month = await read(`/analytics/kpis?from=${FROM}&to=${TO}`);
    expect(month.totals[0]?.kpis.conversationsIn).toBe(N);
  }, 600_000);
});
