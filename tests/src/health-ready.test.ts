import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProduct, spawnWorker, stopChild, type RunningProduct } from './support/product';
import { WidgetSocket, isBotText } from './support/widget-socket';

interface Ready {
  status: 'ready' | 'not-ready';
  checks: { store: string; temporal: string; worker: string };
}

// What an operator or a load balancer asks a running API: is it ready for work (store, Temporal, a
// worker polling its task queue), and its Prometheus metrics. A real worker process, stopped for real.
describe('readiness and metrics', () => {
  let product: RunningProduct;
  beforeAll(async () => {
    product = await startProduct({ worker: 'none' });
  });
  afterAll(async () => {
    await product?.stop();
  });
  const ready = async () => {
    const res = await fetch(`${product.url}/ready`);
    return { status: res.status, body: (await res.json()) as Ready };
  };
  const metrics = (authorization?: string) =>
    fetch(`${product.url}/metrics`, { headers: authorization ? { authorization } : {} });

  it('is not ready without a worker, ready once one polls, and not ready again after it stops', async () => {
    const before = await ready();
    expect(before.status).toBe(503);
    expect(before.body).toMatchObject({
      status: 'not-ready',
      checks: { store: 'ok', temporal: 'ok', worker: expect.stringContaining('no worker polled') },
    });

    const worker = spawnWorker(product.env);
    try {
      await worker.ready;
      await expect.poll(async () => (await ready()).status, { timeout: 60_000, interval: 500 }).toBe(200);
      expect((await ready()).body).toEqual({
        status: 'ready',
        checks: { store: 'ok', temporal: 'ok', worker: 'ok' },
      });
      // Work flows while it is ready.
      const socket = await WidgetSocket.open(product.wsUrl);
      await socket.hello('visitor-ready');
      await socket.next(isBotText(/Welcome/));
      await socket.close();
    } finally {
      await stopChild(worker, 10_000, 'SIGKILL');
    }
    // A killed worker's last poll ages out (90 s after it asked for work).
    await expect.poll(async () => (await ready()).status, { timeout: 240_000, interval: 2000 }).toBe(503);
    expect((await ready()).body.checks).toMatchObject({ store: 'ok', temporal: 'ok' });
  }, 420_000);

  it('exposes Prometheus metrics to the holder of the metrics token only', async () => {
    await fetch(`${product.url}/health`);
    const refused = await metrics();
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({
      code: 'KEFU_ERR_UNAUTHORIZED',
      field: 'headers/authorization',
    });
    expect((await metrics('Bearer wrong')).status).toBe(401);

    const res = await metrics(`Bearer ${product.env.KEFU_METRICS_TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    // Requests by route pattern (never the raw URL), sockets by kind, and the Node process.
    expect(text).toMatch(
      /kefu_http_request_duration_seconds_count\{method="GET",route="\/health",status_code="200"\} \d+/,
    );
    expect(text).toMatch(/kefu_websocket_connections\{kind="widget"\} \d+/);
    expect(text).toMatch(/kefu_websocket_connections\{kind="agent"\} \d+/);
    expect(text).toContain('kefu_api_process_resident_memory_bytes');
    expect(text).toContain('kefu_http_server_errors_total');
  });
});
