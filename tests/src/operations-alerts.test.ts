import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertSettings, OperationsStatus } from '@kefu/schemas/api';
import { idForKey } from '@kefu/runtime/models';
import { freePort } from '../../scripts/lib/servers';
import { startMailPeer, type MailPeer } from './support/mail-peer';
import { startProduct, spawnWorker, stopChild, type RunningProduct } from './support/product';
import { callApi } from './support/shop';
import { inviteAgent, signUpStaffShop, type StaffShop } from './support/staff';
import { WidgetSocket } from './support/widget-socket';

interface Notice {
  id: string;
  type: 'alert.fired' | 'alert.resolved';
  rule: string;
  detail: string;
}

/** An owner's alert webhook on loopback: keeps every notice POSTed to it. */
async function startNoticeReceiver() {
  const notices: Notice[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      notices.push(JSON.parse(raw) as Notice);
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`,
    notices,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const rules = (webhookUrl: string | null): AlertSettings => ({
  emailOwners: true,
  webhookUrl,
  rules: {
    noAgentOnline: { enabled: false, minWaiting: 1 },
    slaBreachRate: { enabled: false, maxPercent: 20 },
    csatDrop: { enabled: false, minAverage: 3.5 },
    errorRate: { enabled: false, maxPercent: 5 },
    workerNotPolling: { enabled: true },
  },
});

// A real worker process stopped and started again under a running API: /ready follows it, and the
// owner hears of it once by mail and webhook, then once more when it is back.
describe('operations: readiness, metrics and the worker alert', () => {
  let product: RunningProduct;
  let mail: MailPeer;
  let hooks: Awaited<ReturnType<typeof startNoticeReceiver>>;
  let owner: StaffShop;
  beforeAll(async () => {
    mail = await startMailPeer();
    hooks = await startNoticeReceiver();
    product = await startProduct({
      worker: 'none',
      alertEvalMs: 500,
      channels: { smtpUrl: mail.url, webhookAllowLoopback: true },
    });
    owner = await signUpStaffShop(product.url, 'ops');
  });
  afterAll(async () => {
    await product?.stop();
    await hooks?.stop();
    await mail?.stop();
  });

  const readyStatus = async () => (await fetch(`${product.url}/ready`)).status;
  const firedMails = (kind: 'Alert' | 'Resolved') =>
    mail.mails.filter((m) => m.subject?.startsWith(`[${kind}]`) && m.subject.includes('worker'));
  const notices = (type: Notice['type']) =>
    hooks.notices.filter((n) => n.type === type && n.rule === 'workerNotPolling');
  /** Resolves once the evaluator has renewed the workspace's alerts lease `passes` more times. */
  const evaluations = async (passes: number) => {
    const read = async () =>
      String(
        (
          await product.models.Lease.findOne({
            _id: idForKey(`lease/${owner.workspaceId}/alerts`),
            workspaceId: owner.workspaceId,
          }).lean()
        )?.until?.getTime(),
      );
    for (let i = 0; i < passes; i++) {
      const before = await read();
      await expect.poll(read, { timeout: 60_000, interval: 200 }).not.toBe(before);
    }
  };

  it('refuses non-owners and invalid rules with the field', async () => {
    const agent = await inviteAgent(product.url, owner, 'Opsagent');
    expect((await callApi(product.url, agent, 'GET', '/operations/status')).status).toBe(403);
    expect((await callApi(product.url, agent, 'PUT', '/operations/alert-rules', rules(null))).status).toBe(
      403,
    );

    const bad = rules(null);
    bad.rules.csatDrop.minAverage = 7;
    const refused = await callApi<{ code: string; field: string }>(
      product.url,
      owner,
      'PUT',
      '/operations/alert-rules',
      bad,
    );
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      code: 'KEFU_ERR_VALIDATION',
      field: 'body/rules/csatDrop/minAverage',
    });
    const negative = rules(null);
    negative.rules.errorRate.maxPercent = -1;
    expect(
      (await callApi<{ field: string }>(product.url, owner, 'PUT', '/operations/alert-rules', negative)).body
        .field,
    ).toBe('body/rules/errorRate/maxPercent');
    const inside = await callApi<{ field: string }>(
      product.url,
      owner,
      'PUT',
      '/operations/alert-rules',
      rules('http://10.0.0.8/hook'),
    );
    expect(inside).toMatchObject({ status: 400, body: { field: 'body/webhookUrl' } });
  });

  it('fires the worker alert once while the worker is stopped and resolves it once when it is back', async () => {
    const metricsPort = await freePort();
    let worker = spawnWorker(product.env, { KEFU_WORKER_METRICS_PORT: String(metricsPort) });
    try {
      await worker.ready;
      await expect.poll(readyStatus, { timeout: 90_000, interval: 500 }).toBe(200);
      const saved = await callApi(product.url, owner, 'PUT', '/operations/alert-rules', rules(hooks.url));
      expect(saved.status).toBe(200);
      expect((await callApi(product.url, owner, 'GET', '/operations/alert-rules')).body).toEqual(
        rules(hooks.url),
      );

      // The worker's own Prometheus endpoint: Temporal SDK metrics.
      const workerMetrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      expect(workerMetrics).toMatch(/^temporal_/m);

      // The API's: sockets' frames, queue waits, and what the evaluator read.
      const socket = await WidgetSocket.open(product.wsUrl);
      await socket.hello('visitor-ops');
      await socket.close();
      await evaluations(1);
      const scrape = async () =>
        await (
          await fetch(`${product.url}/metrics`, {
            headers: { authorization: `Bearer ${product.env.KEFU_METRICS_TOKEN}` },
          })
        ).text();
      // The evaluator takes its lease first and sets the conversation gauges at the end of its pass.
      await expect
        .poll(scrape, { timeout: 60_000, interval: 200 })
        .toMatch(/kefu_conversations\{state="open"\} \d+/);
      const api = await scrape();
      expect(api).toMatch(
        /kefu_websocket_message_duration_seconds_count\{kind="widget",type="hello"\} [1-9]/,
      );
      expect(api).toContain('kefu_queue_wait_seconds_count');
      expect(api).toMatch(/kefu_conversations\{state="open"\} \d+/);
      expect(api).toMatch(/kefu_conversations\{state="waiting"\} \d+/);
      expect(api).toContain('kefu_queue_longest_wait_seconds');
      await evaluations(3);
      expect(notices('alert.fired')).toHaveLength(0);
    } finally {
      await stopChild(worker, 10_000, 'SIGTERM');
    }

    // Stopped: its last poll ages out, /ready fails, and the alert fires once by mail and webhook.
    await expect.poll(readyStatus, { timeout: 240_000, interval: 2000 }).toBe(503);
    await expect.poll(() => notices('alert.fired').length, { timeout: 60_000 }).toBe(1);
    await expect.poll(() => firedMails('Alert').length, { timeout: 60_000 }).toBe(1);
    expect(firedMails('Alert')[0]!.to).toMatchObject({ text: expect.stringContaining(owner.email) });
    const status = await callApi<OperationsStatus>(product.url, owner, 'GET', '/operations/status');
    expect(status.body.checks.worker).toContain('no worker polled');
    expect(status.body.alerts).toEqual([
      expect.objectContaining({ rule: 'workerNotPolling', state: 'firing' }),
    ]);
    // Not repeated while it lasts.
    await evaluations(5);
    expect(notices('alert.fired')).toHaveLength(1);
    expect(firedMails('Alert')).toHaveLength(1);
    expect(notices('alert.resolved')).toHaveLength(0);

    // Back: ready again, and exactly one resolved notice each way.
    worker = spawnWorker(product.env);
    try {
      await worker.ready;
      await expect.poll(readyStatus, { timeout: 90_000, interval: 500 }).toBe(200);
      await expect.poll(() => notices('alert.resolved').length, { timeout: 60_000 }).toBe(1);
      await expect.poll(() => firedMails('Resolved').length, { timeout: 60_000 }).toBe(1);
      await evaluations(5);
      expect(notices('alert.resolved')).toHaveLength(1);
      expect(firedMails('Resolved')).toHaveLength(1);
      expect(notices('alert.fired')).toHaveLength(1);
      const after = await callApi<OperationsStatus>(product.url, owner, 'GET', '/operations/status');
      expect(after.body.checks).toEqual({ store: 'ok', temporal: 'ok', worker: 'ok' });
      expect(after.body.alerts).toEqual([
        expect.objectContaining({ rule: 'workerNotPolling', state: 'resolved' }),
      ]);
    } finally {
      await stopChild(worker, 10_000, 'SIGTERM');
    }
  }, 600_000);
});
