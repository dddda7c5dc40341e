import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PASSWORD,
  addMember,
  signUp,
  startAccessApp,
  uniqueEmail,
  type AccessApp,
  type Member,
} from './access-app';

/** Issue 16: the invite link's page and preview, team members added at once, the audit log's filters and export. */
let ctx: AccessApp;
let owner: Member;
let site: string;

beforeAll(async () => {
  site = await mkdtemp(join(tmpdir(), 'kefu-site-'));
  await writeFile(join(site, 'index.html'), '<!doctype html><title>console</title>');
  ctx = await startAccessApp({ editorDist: site });
  owner = await signUp(ctx.app, 'team-screens');
});
afterAll(async () => {
  await ctx?.stop();
  if (site) await rm(site, { recursive: true, force: true });
});

const as = (cookie: string) => ({ cookie });
async function invite(email = uniqueEmail('invitee'), roles = ['agent']) {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/invites',
    headers: as(owner.cookie),
    payload: { email, roles },
  });
  expect(res.statusCode).toBe(201);
  const { link } = res.json() as { link: string };
  return { email, link, token: new URL(link).searchParams.get('token')! };
}
const preview = (token: string) =>
  ctx.app.inject({ method: 'GET', url: `/invites/preview?token=${encodeURIComponent(token)}` });

describe('the invite link', () => {
  it('opens the console page at /accept-invite (was a 404)', async () => {
    const { link } = await invite();
    const url = new URL(link);
    const res = await ctx.app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<title>console</title>');
  });

  it('previews a pending invite with its email, roles and workspace, without signing anyone in', async () => {
    const { email, token } = await invite(undefined, ['analyst']);
    const res = await preview(token);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ email, roles: ['analyst'], workspaceName: 'team-screens shop' });
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('says a used link was used, an expired one expired, and anything else is not valid', async () => {
    const used = await invite();
    const accepted = await ctx.app.inject({
      method: 'POST',
      url: '/invites/accept',
      payload: { token: used.token, name: 'Used', password: PASSWORD },
    });
    expect(accepted.statusCode).toBe(201);
    expect((await preview(used.token)).json()).toMatchObject({
      statusCode: 410,
      code: 'KEFU_ERR_INVITE_USED',
      field: 'querystring/token',
    });

    const old = await invite();
    await ctx.models.Invite.updateOne(
      { workspaceId: owner.workspaceId, email: old.email },
      { $set: { expiresAt: new Date(Date.now() - 1000) } },
    );
    expect((await preview(old.token)).json()).toMatchObject({
      statusCode: 410,
      code: 'KEFU_ERR_INVITE_EXPIRED',
    });
    // An expired link cannot be accepted either.
    const late = await ctx.app.inject({
      method: 'POST',
      url: '/invites/accept',
      payload: { token: old.token, name: 'Late', password: PASSWORD },
    });
    expect(late.json()).toMatchObject({ code: 'KEFU_ERR_INVITE_INVALID' });

    const unknown = `${owner.workspaceId}.${'x'.repeat(43)}`;
    expect((await preview(unknown)).json()).toMatchObject({
      statusCode: 400,
      code: 'KEFU_ERR_INVITE_INVALID',
    });
    expect((await preview('not-a-token-at-all-but-long')).json()).toMatchObject({
      statusCode: 400,
      field: 'querystring/token',
    });
  });

  it('a replaced link (invited again, "resend") is not valid any more; the new one is', async () => {
    const email = uniqueEmail('resent');
    const first = await invite(email);
    const second = await invite(email);
    expect((await preview(first.token)).json()).toMatchObject({ code: 'KEFU_ERR_INVITE_INVALID' });
    expect((await preview(second.token)).statusCode).toBe(200);
  });

  it('refuses to invite someone who already has an account, naming the email field', async () => {
    const member = await addMember(ctx.app, owner, ['agent'], 'member');
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/invites',
      headers: as(owner.cookie),
      payload: { email: member.email, roles: ['agent'] },
    });
    expect(res.json()).toMatchObject({ statusCode: 409, code: 'KEFU_ERR_CONFLICT', field: 'body/email' });
  });
});

describe('team members', () => {
  it('keeps both of two members added at the same moment (issue 16: one was lost)', async () => {
    const [a, b, c] = await Promise.all([
      addMember(ctx.app, owner, ['agent'], 'ann'),
      addMember(ctx.app, owner, ['agent'], 'bo'),
      addMember(ctx.app, owner, ['agent'], 'cy'),
    ]);
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/teams',
      headers: as(owner.cookie),
      payload: { key: 'race', name: 'Race' },
    });
    const teamId = (created.json() as { id: string }).id;
    const add = (userId: string) =>
      ctx.app.inject({
        method: 'POST',
        url: `/teams/${teamId}/members`,
        headers: as(owner.cookie),
        payload: { userId },
      });
    const answers = await Promise.all([add(a!.userId), add(b!.userId), add(c!.userId), add(a!.userId)]);
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    const team = (
      await ctx.app.inject({ method: 'GET', url: `/teams/${teamId}`, headers: as(owner.cookie) })
    ).json() as { members: string[] };
    expect([...team.members].sort()).toEqual([a!.userId, b!.userId, c!.userId].sort());

    const removed = await ctx.app.inject({
      method: 'DELETE',
      url: `/teams/${teamId}/members/${b!.userId}`,
      headers: as(owner.cookie),
    });
    expect(removed.statusCode).toBe(200);
    expect((removed.json() as { members: string[] }).members).not.toContain(b!.userId);
  });

  it('refuses a member from another workspace and an unknown team', async () => {
    const other = await signUp(ctx.app, 'other-team-ws');
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/teams',
      headers: as(owner.cookie),
      payload: { key: 'strict', name: 'Strict' },
    });
    const teamId = (created.json() as { id: string }).id;
    const foreign = await ctx.app.inject({
      method: 'POST',
      url: `/teams/${teamId}/members`,
      headers: as(owner.cookie),
      payload: { userId: other.userId },
    });
    expect(foreign.json()).toMatchObject({ statusCode: 400, field: 'body/userId' });
    const elsewhere = await ctx.app.inject({
      method: 'POST',
      url: `/teams/${teamId}/members`,
      headers: as(other.cookie),
      payload: { userId: other.userId },
    });
    expect(elsewhere.json()).toMatchObject({ statusCode: 404, field: 'params/id' });
  });
});

describe('the audit log', () => {
  it('filters by actor, action and time, and exports what it shows as CSV a spreadsheet will not run', async () => {
    // An owner whose address a spreadsheet would read as a formula: it begins every row they wrote.
    const second = await addMember(ctx.app, owner, ['owner'], '=cmd');
    const hostile = second.email;
    await ctx.app.inject({
      method: 'POST',
      url: '/invites',
      headers: as(second.cookie),
      payload: { email: uniqueEmail('by-second'), roles: ['agent'] },
    });
    const list = async (query: string) => {
      const res = await ctx.app.inject({ method: 'GET', url: `/audit?${query}`, headers: as(owner.cookie) });
      expect(res.statusCode).toBe(200);
      return (res.json() as { items: { actor: { id: string }; action: string; at: string }[] }).items;
    };
    const bySecond = await list(`actor=${second.userId}`);
    expect(bySecond.length).toBeGreaterThan(0);
    expect(bySecond.every((e) => e.actor.id === second.userId)).toBe(true);
    const invites = await list('action=invite.create');
    expect(invites.every((e) => e.action === 'invite.create')).toBe(true);
    // Newest first: the last change made is at the top.
    expect((await list('limit=1'))[0]).toMatchObject({
      action: 'invite.create',
      actor: { id: second.userId },
    });
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(await list(`from=${encodeURIComponent(future)}`)).toEqual([]);
    const bad = await ctx.app.inject({
      method: 'GET',
      url: `/audit?from=${encodeURIComponent(future)}&to=${encodeURIComponent(new Date(0).toISOString())}`,
      headers: as(owner.cookie),
    });
    expect(bad.json()).toMatchObject({ statusCode: 400, field: 'querystring/to' });

    const csv = await ctx.app.inject({
      method: 'GET',
      url: `/audit/export?actor=${second.userId}`,
      headers: as(owner.cookie),
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('at,actor_id,actor_email,action,target_type,target_id,before,after');
    expect(lines.length - 1).toBe(bySecond.length);
    expect(csv.body).toContain(`'${hostile}`);
    expect(csv.body).not.toMatch(/(^|,)"?=/m);

    const agent = await addMember(ctx.app, owner, ['agent'], 'nosy');
    const refused = await ctx.app.inject({ method: 'GET', url: '/audit/export', headers: as(agent.cookie) });
    expect(refused.statusCode).toBe(403);
  });
});
