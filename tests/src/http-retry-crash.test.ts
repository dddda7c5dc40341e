import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Client, Connection } from '@temporalio/client';
import { Types } from 'mongoose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { conversationWorkflowId } from '@kefu/schemas';
import type { Page, Run, RunTimeline } from '@kefu/schemas/api';
import { spawnWorker, startProduct, stopChild, type RunningProduct } from './support/product';
import { callApi, signUpShop } from './support/shop';
import { lineDraft, publishFlow } from './support/publish-flow';
import { WidgetSocket, isBotText } from './support/widget-socket';
import { productTemporal } from './support/product-temporal';

/**
 * Fault (c) of the runtime issue: the worker is SIGKILLed while an HTTP request node is between its
 * retries (the first attempt failed, the back-off timer runs). The target is a loopback server this
 * test starts, reachable only because the spawned workers get the tests-only loopback allowance.
 * It fails the first two calls and applies the third; it dedupes on the Idempotency-Key header, as
 * a target must for the at-least-once attempts a crash mid-request can cause.
 */
describe('worker killed during the retries of an HTTP request', () => {
  let product: RunningProduct;
  let connection: Connection;
  let temporal: Client;
  let target: Server;
  let targetUrl = '';
  /** Every request the target received, by Idempotency-Key, in arrival order. */
  const received: string[] = [];
  /** Orders the target applied: one per distinct key it answered 2xx. */
  const applied = new Set<string>();
  const children: ReturnType<typeof spawnWorker>[] = [];
  const worker = () => {
    const child = spawnWorker(product.env, { KEFU_WEBHOOK_ALLOW_LOOPBACK: 'true' });
    children.push(child);
    return child;
  };

  beforeAll(async () => {
    target = createServer((req, res) => {
      const key = String(req.headers['idempotency-key'] ?? '');
      received.push(key);
      req.resume();
      req.on('end', () => {
        if (applied.has(key)) return void res.end('{"order":"already synced"}');
        if (new Set(received).size <= 2) {
          res.statusCode = 500;
          return void res.end('CRM is down');
        }
        applied.add(key);
        res.end('{"order":"synced"}');
      });
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/orders`;
    product = await startProduct({ worker: 'none' });
    connection = await Connection.connect({ address: product.env.TEMPORAL_ADDRESS! });
    temporal = productTemporal(connection, product.env);
  });
  afterEach(async () => {
    await Promise.all(children.splice(0).map((c) => stopChild(c)));
  });
  afterAll(async () => {
    await connection?.close();
    await product?.stop();
    await new Promise<void>((resolve) => target.close(() => resolve()));
  });

  it('resumes after the restart, takes the success port, and applies the order once', async () => {
    const shop = await signUpShop(product.url, 'http-crash');
    const draft = lineDraft('Sync the order', [
      { id: 'start', type: 'conversation-started', config: {} },
      {
        id: 'sync',
        type: 'http-request',
        config: {
          method: 'POST',
          url: 'https://crm.example.com/orders',
          body: '{"customer":"{{contact.id}}"}',
          retries: 2,
          timeoutSeconds: 5,
        },
        port: 'success',
      },
      { id: 'synced', type: 'send-message', config: { text: 'Your order is in our system.' } },
      { id: 'done', type: 'end', config: {} },
    ]);
    draft.nodes.push({
      id: 'failed',
      type: 'send-message',
      config: { text: 'We could not sync your order.' },
    });
    draft.edges.push({ source: 'sync', sourcePort: 'failure', target: 'failed' });
    const { flowId, version } = await publishFlow(product.url, shop, draft);
    // The designer refuses loopback URLs; the stored version is pointed at this test's target.
    await product.models.FlowVersion.collection.updateOne(
      { workspaceId: new Types.ObjectId(shop.workspaceId), flowId: new Types.ObjectId(flowId), version },
      { $set: { 'compiled.nodes.sync.config.url': targetUrl } },
    );

    const doomed = worker();
    await doomed.ready;
    const socket = await WidgetSocket.open(product.wsUrl);
    const session = await socket.hello('visitor-http-crash', shop.publicKey);
    const run = temporal.workflow.getHandle(conversationWorkflowId(session.conversationId));
    // The first attempt failed and the node waits out its back-off on a durable timer: kill now.
    await expect
      .poll(async () => (await run.fetchHistory()).events?.some((e) => e.timerStartedEventAttributes))
      .toBe(true);
    doomed.kill('SIGKILL');
    await new Promise((resolve) =>
      doomed.exitCode !== null || doomed.signalCode !== null ? resolve(null) : doomed.once('exit', resolve),
    );
    expect(received).toHaveLength(1);

    const healthy = worker();
    await healthy.ready;
    await socket.next(isBotText(/Your order is in our system/), 0, 60_000);
    await run.result();

    // Three attempts, each its own key, each received once; only the third was applied.
    expect(received).toHaveLength(3);
    expect(new Set(received).size).toBe(3);
    expect(received.every((k) => k.length > 0)).toBe(true);
    expect([...applied]).toEqual([received[2]]);
    const bot = await product.models.Message.find({
      workspaceId: shop.workspaceId,
      conversationId: session.conversationId,
      author: 'bot',
    }).lean();
    expect(bot.map((m) => m.text)).toEqual(['Your order is in our system.']);

    // The run history has every step once, and says which attempt succeeded.
    const runs = await callApi<Page<Run>>(
      product.url,
      shop,
      'GET',
      `/runs?conversationId=${session.conversationId}`,
    );
    expect(runs.body.items).toHaveLength(1);
    const timeline = await callApi<RunTimeline>(product.url, shop, 'GET', `/runs/${runs.body.items[0]!.id}`);
    expect(timeline.body.run.status).toBe('completed');
    expect(timeline.body.steps.map((s) => `${s.nodeId}:${s.port ?? '-'}`)).toEqual([
      'start:next',
      'sync:success',
      'synced:next',
      'done:-',
    ]);
    expect(timeline.body.steps.find((s) => s.nodeId === 'sync')?.decision).toBe('HTTP 200 on attempt 3');
    await socket.close();
  });
});
