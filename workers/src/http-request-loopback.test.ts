import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeHttpRequest } from '@kefu/runtime/safe-http';

/** The tests-only loopback allowance (KEFU_WEBHOOK_ALLOW_LOOPBACK) opens loopback and nothing more. */
describe('safeHttpRequest with allowLoopback', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((_req, res) => res.end('hello'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const get = (url: string, allowLoopback?: boolean) =>
    safeHttpRequest({ method: 'GET', url, headers: {}, timeoutMs: 2000 }, { allowLoopback });

  it('reaches a loopback receiver only when allowed', async () => {
    expect(await get(`http://127.0.0.1:${port}/`, true)).toMatchObject({
      ok: true,
      status: 200,
      body: 'hello',
    });
    expect(await get(`http://localhost:${port}/`, true)).toMatchObject({ ok: true, body: 'hello' });
    expect((await get(`http://127.0.0.1:${port}/`)).error).toMatch(/blocked address/);
  });

  it('still refuses private networks and metadata addresses', async () => {
    for (const host of [
      '10.0.0.8',
      '192.168.1.1',
      '169.254.169.254',
      '[::ffff:a9fe:a9fe]',
      '2852039166',
      '0.0.0.0',
      '100.64.0.1',
    ])
      expect((await get(`http://${host}/`, true)).error, host).toMatch(/blocked address/);
  });
});
