import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeHttpRequest } from '@kefu/runtime/safe-http';

describe('safeHttpRequest', () => {
  let server: Server;
  let port = 0;
  let hits = 0;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits += 1;
      res.end('inside');
    });
    await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const request = (url: string) => safeHttpRequest({ method: 'GET', url, headers: {}, timeoutMs: 2000 });

  it('refuses loopback and private literals without connecting', async () => {
    // Every form reaches the listener on 0.0.0.0 if it gets through (IPv4-mapped IPv6 does on Linux).
    for (const host of [
      '127.0.0.1',
      'localhost',
      '[::1]',
      '10.0.0.8',
      '169.254.169.254',
      '[::ffff:7f00:1]',
      '[::ffff:127.0.0.1]',
      '2130706433',
      '0x7f000001',
      '0177.0.0.1',
      '127.1',
      '0.0.0.0',
      '[::]',
      '[::7f00:1]',
      '[64:ff9b::7f00:1]',
    ]) {
      const result = await request(`http://${host}:${port}/`);
      expect(result, host).toMatchObject({ ok: false, status: 0, error: expect.stringContaining('blocked') });
    }
    expect(hits).toBe(0);
  });

  it('refuses a name that resolves to a private address, at connect time', async () => {
    // This machine's own name is not a literal the pre-check knows; only the guarded lookup catches it.
    const result = await request(`http://${hostname()}:${port}/`);
    expect(result.ok).toBe(false);
    expect(result.error).toContain('blocked');
    expect(hits).toBe(0);
  });

  it('answers a bad URL or scheme with a failure instead of throwing', async () => {
    expect(await request('not a url')).toMatchObject({ ok: false, error: 'invalid URL' });
    expect(await request('file:///etc/passwd')).toMatchObject({ ok: false, error: 'only http and https' });
  });
});
