import { execFileSync } from 'node:child_process';
import { request as httpsRequest } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../scripts/lib/servers';
import { signUp, startAccessApp, PASSWORD, type AccessApp, type Member } from './access-app';

/**
 * Issue 14: behind a TLS-terminating proxy the session cookie lacked Secure. Over real HTTP: Secure
 * when the trusted proxy says the client used https, never from a client's own claim, and not on
 * plain http (npm start on localhost would lose its sign-in).
 */
const apps: AccessApp[] = [];
afterAll(async () => await Promise.all(apps.map((a) => a.stop())));

async function listening(trustProxy: boolean): Promise<{ base: string; shop: Member }> {
  const ctx = await startAccessApp({ trustProxy });
  apps.push(ctx);
  const shop = await signUp(ctx.app, `cookie-${trustProxy}`);
  const port = await freePort();
  await ctx.app.listen({ host: '127.0.0.1', port });
  return { base: `http://127.0.0.1:${port}`, shop };
}

/** The Set-Cookie of a sign-in, and of a sign-out with the cookie it got. */
async function cookiesOf(base: string, email: string, headers: Record<string, string> = {}) {
  const signIn = await fetch(`${base}/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(signIn.status).toBe(200);
  const set = signIn.headers.get('set-cookie') ?? '';
  const signOut = await fetch(`${base}/session`, {
    method: 'DELETE',
    headers: { cookie: set.split(';')[0]!, ...headers },
  });
  expect(signOut.status).toBe(204);
  return { signIn: set, signOut: signOut.headers.get('set-cookie') ?? '' };
}

describe('Secure session cookies', () => {
  let proxied: { base: string; shop: Member };
  let direct: { base: string; shop: Member };
  beforeAll(async () => {
    proxied = await listening(true);
    direct = await listening(false);
  });

  it('are Secure when the trusted proxy says the client used https', async () => {
    const { signIn, signOut } = await cookiesOf(proxied.base, proxied.shop.email, {
      'x-forwarded-proto': 'https',
    });
    expect(signIn).toMatch(/; Secure/);
    expect(signIn).toMatch(/; HttpOnly/);
    expect(signIn).toMatch(/; SameSite=Strict/);
    expect(signOut).toMatch(/^kefu_session=;.*; Secure/);
  });

  it('are not Secure behind the proxy when the client used http', async () => {
    const { signIn } = await cookiesOf(proxied.base, proxied.shop.email, { 'x-forwarded-proto': 'http' });
    expect(signIn).not.toMatch(/Secure/);
  });

  it('are not Secure on plain http, whatever an untrusted client claims', async () => {
    expect((await cookiesOf(direct.base, direct.shop.email)).signIn).not.toMatch(/Secure/);
    const claimed = await cookiesOf(direct.base, direct.shop.email, { 'x-forwarded-proto': 'https' });
    expect(claimed.signIn).not.toMatch(/Secure/);
    expect(claimed.signIn).toMatch(/; HttpOnly/);
  });
});

/** A throw-away self-signed certificate, when openssl is there to make one. */
function selfSigned(): { key: string; cert: string } | null {
  try {
    const pem = execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        '/CN=127.0.0.1',
        '-days',
        '1',
        '-keyout',
        '-',
        '-out',
        '-',
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const key = /-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/.exec(pem)?.[0];
    const cert = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
    return key && cert ? { key, cert } : null;
  } catch {
    return null;
  }
}

describe('on an https server', () => {
  const tls = selfSigned();
  it.skipIf(!tls)('the session cookie is Secure', async () => {
    const ctx = await startAccessApp({}, { https: tls! });
    apps.push(ctx);
    const shop = await signUp(ctx.app, 'cookie-tls');
    const port = await freePort();
    await ctx.app.listen({ host: '127.0.0.1', port });
    const setCookie = await new Promise<string>((resolve, reject) => {
      const req = httpsRequest(
        {
          host: '127.0.0.1',
          port,
          path: '/session',
          method: 'POST',
          rejectUnauthorized: false,
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          resolve([res.headers['set-cookie'] ?? []].flat().join('\n'));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ email: shop.email, password: PASSWORD }));
    });
    expect(setCookie).toMatch(/^kefu_session=.*; Secure/);
  });
});
