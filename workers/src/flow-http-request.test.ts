import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowHttpRequest } from './flow-http-request';

describe('flowHttpRequest', () => {
  let server: Server;
  let url = '';
  const seen: IncomingHttpHeaders[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers);
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const attempt = (headers: Record<string, string> = {}) => ({
    method: 'POST',
    url,
    headers,
    body: '{}',
    timeoutMs: 2000,
    idempotencyKey: 'chain-1/4/1',
  });

  it('refuses a loopback target by default (the test allowance is off unless asked for)', async () => {
    const before = seen.length;
    expect((await flowHttpRequest()(attempt())).error).toMatch(/blocked address/);
    expect((await flowHttpRequest({})(attempt())).error).toMatch(/blocked address/);
    expect(seen.length).toBe(before);
  });

  it("sends the attempt's idempotency key, or the owner's own header unchanged", async () => {
    const call = flowHttpRequest({ allowLoopback: true });
    expect(await call(attempt())).toMatchObject({ ok: true, status: 200 });
    expect(seen.at(-1)?.['idempotency-key']).toBe('chain-1/4/1');
    await call(attempt({ 'idempotency-key': 'order-77' }));
    expect(seen.at(-1)?.['idempotency-key']).toBe('order-77');
  });
});
