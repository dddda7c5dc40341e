import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WidgetSocket } from '../support/widget-socket';
import { freePort } from '../../../scripts/lib/servers';
import { addMember, signUp, startAccessApp, type AccessApp, type Member } from './access-app';

/** Issue 14: which pages may open the inbox socket, and which sites may embed a shop's widget. */
let ctx: AccessApp;
let owner: Member;
let agent: Member;
let base: string;
let site: string;
const PUBLIC_URL = 'https://kefu.example.com';

beforeAll(async () => {
  // A stand-in for the built web app: the chat page's headers are what is checked here.
  site = await mkdtemp(join(tmpdir(), 'kefu-site-'));
  await mkdir(join(site, 'chat'));
  await writeFile(join(site, 'chat', 'index.html'), '<!doctype html><title>chat</title>');
  ctx = await startAccessApp({ publicUrl: PUBLIC_URL, editorDist: site });
  owner = await signUp(ctx.app, 'origin');
  agent = await addMember(ctx.app, owner, ['agent']);
  const port = await freePort();
  await ctx.app.listen({ host: '127.0.0.1', port });
  base = `127.0.0.1:${port}`;
});
afterAll(async () => {
  await ctx?.stop();
  if (site) await rm(site, { recursive: true, force: true });
});

/** Opens /ws/agent and says what happened: 'open', or the refused upgrade's status and body. */
function openAgent(headers: Record<string, string>): Promise<{ status: number; body: string } | 'open'> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${base}/ws/agent`, { headers: { cookie: agent.cookie, ...headers } });
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('error', reject);
    ws.once('unexpected-response', (req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
  });
}

describe('the inbox socket opens only from our own pages', () => {
  it("opens from this server's host (either scheme), from the public URL, and without Origin", async () => {
    expect(await openAgent({ origin: `http://${base}` })).toBe('open');
    expect(await openAgent({ origin: `https://${base}` })).toBe('open');
    expect(await openAgent({ origin: PUBLIC_URL })).toBe('open');
    // Not a browser: browsers always send Origin on a WebSocket handshake.
    expect(await openAgent({})).toBe('open');
  });

  it('refuses another site, a look-alike host, an opaque origin and junk with 403 in our shape', async () => {
    for (const origin of [
      'https://evil.example',
      `http://${base}.evil.example`,
      'null',
      'not a url',
      'file://',
    ]) {
      const refused = await openAgent({ origin });
      expect(refused, origin).toMatchObject({ status: 403 });
      if (refused === 'open') continue;
      expect(JSON.parse(refused.body)).toMatchObject({ statusCode: 403, code: 'KEFU_ERR_ORIGIN_REFUSED' });
    }
  });
});

describe("the widget's allowed sites", () => {
  const put = (member: Member, allowedOrigins: unknown) =>
    ctx.app.inject({
      method: 'PUT',
      url: '/channels/widget',
      headers: { cookie: member.cookie },
      payload: { allowedOrigins },
    });

  it('allows any site until the owner names some', async () => {
    const got = await ctx.app.inject({ url: '/channels/widget', headers: { cookie: owner.cookie } });
    expect(got.json()).toEqual({ allowedOrigins: [] });
    const socket = await WidgetSocket.open(`ws://${base}/ws/widget`, { origin: 'https://any-shop.example' });
    await socket.hello('visitor-any-site', owner.publicKey);
    await socket.close();
    const chat = await ctx.app.inject(`/chat/?workspace=${owner.publicKey}`);
    expect(chat.headers['content-security-policy']).toContain('frame-ancestors *');
  });

  it('refuses origins with a path, other schemes, and non-owners', async () => {
    for (const bad of [
      ['https://shop.example/'],
      ['https://shop.example/page'],
      ['javascript:alert(1)'],
      ['*'],
      'x',
    ]) {
      const res = await put(owner, bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json()).toMatchObject({ code: 'KEFU_ERR_VALIDATION' });
    }
    expect((await put(agent, ['https://shop.example'])).statusCode).toBe(403);
  });

  it('once set, refuses a socket from another site with an error frame and a policy close', async () => {
    const saved = await put(owner, [
      'HTTPS://Shop.Example',
      'http://localhost:8080',
      'https://shop.example:443',
    ]);
    expect(saved.statusCode).toBe(200);
    // Stored as browsers send Origin, once each.
    expect(saved.json()).toEqual({ allowedOrigins: ['https://shop.example', 'http://localhost:8080'] });

    const allowed = await WidgetSocket.open(`ws://${base}/ws/widget`, { origin: 'https://shop.example' });
    await allowed.hello('visitor-allowed-site', owner.publicKey);
    await allowed.close();

    const other = await WidgetSocket.open(`ws://${base}/ws/widget`, { origin: 'https://copycat.example' });
    const closed = new Promise<number>((resolve) => other.ws.once('close', (code) => resolve(code)));
    other.send({ type: 'hello', workspace: owner.publicKey, visitorId: 'visitor-other-site' });
    expect(await closed).toBe(1008);
    expect(other.frames).toEqual([
      expect.objectContaining({
        type: 'error',
        statusCode: 403,
        code: 'KEFU_ERR_ORIGIN_REFUSED',
        field: '/workspace',
      }),
    ]);
    expect(
      await ctx.models.Contact.countDocuments({
        workspaceId: owner.workspaceId,
        visitorId: 'visitor-other-site',
      }),
    ).toBe(0);
  });

  it('still lets in our own chat page (the embed iframe) and non-browser clients', async () => {
    for (const options of [{ origin: `http://${base}` }, {}]) {
      const socket = await WidgetSocket.open(`ws://${base}/ws/widget`, options);
      await socket.hello(`visitor-own-${Object.keys(options).length}`, owner.publicKey);
      await socket.close();
    }
  });

  it("narrows the chat page's frame-ancestors to the allowed sites", async () => {
    const chat = await ctx.app.inject(`/chat/?workspace=${owner.publicKey}`);
    const policy = String(chat.headers['content-security-policy']);
    expect(policy).toContain("frame-ancestors 'self' https://shop.example http://localhost:8080");
    expect(policy).not.toContain('frame-ancestors *');
    // Another shop's chat page is not affected.
    const other = await signUp(ctx.app, 'origin-other');
    const theirs = await ctx.app.inject(`/chat/?workspace=${other.publicKey}`);
    expect(theirs.headers['content-security-policy']).toContain('frame-ancestors *');
  });

  it('allows any site again when the list is emptied', async () => {
    expect((await put(owner, [])).json()).toEqual({ allowedOrigins: [] });
    const socket = await WidgetSocket.open(`ws://${base}/ws/widget`, { origin: 'https://copycat.example' });
    await socket.hello('visitor-other-site', owner.publicKey);
    await socket.close();
  });
});
