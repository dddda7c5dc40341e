import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccessApp, type AccessApp } from './access-app';

/** Headers every answer carries: security headers, CORS only for widget origins, request ids. */
const WIDGET_ORIGIN = 'https://shop.example';
let ctx: AccessApp;

beforeAll(async () => {
  ctx = await startAccessApp({ widgetOrigins: [WIDGET_ORIGIN] });
});
afterAll(async () => await ctx?.stop());

describe('HTTP hardening', () => {
  it('sends the security headers', async () => {
    const res = await ctx.app.inject('/health');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('lets pages connect to this server only: no wildcard WebSocket hosts (issue 14)', async () => {
    const res = await ctx.app.inject({ url: '/health', headers: { host: 'kefu.example.com:8443' } });
    const connect = /connect-src ([^;]*)/.exec(String(res.headers['content-security-policy']))?.[1];
    expect(connect?.split(' ')).toEqual([
      "'self'",
      'ws://kefu.example.com:8443',
      'wss://kefu.example.com:8443',
    ]);
    // A Host header that is not a host adds nothing (it could otherwise write directives).
    const odd = await ctx.app.inject({ url: '/health', headers: { host: "x; script-src 'unsafe-inline'" } });
    const policy = String(odd.headers['content-security-policy']);
    expect(/connect-src ([^;]*)/.exec(policy)?.[1]).toBe("'self'");
    expect(/script-src ([^;]*)/.exec(policy)?.[1]).toBe("'self'");
  });

  it('answers CORS preflights for configured widget origins only, never with credentials', async () => {
    const preflight = (origin: string) =>
      ctx.app.inject({
        method: 'OPTIONS',
        url: '/health',
        headers: { origin, 'access-control-request-method': 'GET' },
      });
    const allowed = await preflight(WIDGET_ORIGIN);
    expect(allowed.statusCode).toBeLessThan(300);
    expect(allowed.headers['access-control-allow-origin']).toBe(WIDGET_ORIGIN);
    expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();
    const other = await preflight('https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const simple = await ctx.app.inject({ url: '/health', headers: { origin: 'https://evil.example' } });
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('gives every answer a request id, keeping a sane one from the caller', async () => {
    const minted = await ctx.app.inject('/health');
    expect(minted.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await ctx.app.inject({ url: '/health', headers: { 'x-request-id': 'edge-42.abc' } });
    expect(kept.headers['x-request-id']).toBe('edge-42.abc');
    const odd = await ctx.app.inject({ url: '/health', headers: { 'x-request-id': 'x'.repeat(200) } });
    expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const failed = await ctx.app.inject({
      method: 'POST',
      url: '/session',
      payload: '{',
      headers: { 'content-type': 'application/json' },
    });
    expect(failed.headers['x-request-id']).toBeDefined();
  });

  it("answers a path the router refuses in the one error shape (issue 14: a long id got Fastify's 414)", async () => {
    const long = await ctx.app.inject(`/conversations/${'a'.repeat(150)}`);
    expect(long.statusCode).toBe(414);
    expect(long.json()).toEqual({
      statusCode: 414,
      code: 'KEFU_ERR_URI_TOO_LONG',
      message: 'A path parameter is too long',
      field: 'params',
    });
    const bad = await ctx.app.inject('/conversations/%zz');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'KEFU_ERR_VALIDATION', field: 'params' });
  });
});
