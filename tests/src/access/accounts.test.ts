import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idForKey } from '@kefu/runtime/models';
import {
  PASSWORD,
  addMember,
  sessionCookie,
  signUp,
  startAccessApp,
  uniqueEmail,
  type AccessApp,
  type Member,
} from './access-app';

/** Sign-up, sign-in, lock-out, sessions, invites, roles and the audit log, through the API. */
let ctx: AccessApp;
let owner: Member;

beforeAll(async () => {
  ctx = await startAccessApp();
  owner = await signUp(ctx.app, 'accounts');
});
afterAll(async () => await ctx?.stop());

const login = (email: string, password: string) =>
  ctx.app.inject({ method: 'POST', url: '/session', payload: { email, password } });
const get = (url: string, cookie: string) => ctx.app.inject({ method: 'GET', url, headers: { cookie } });

describe('sign-up and sessions', () => {
  it('signs the new owner in with an httpOnly, signed, same-site cookie', async () => {
    const email = uniqueEmail('fresh');
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/signup',
      payload: { workspaceName: 'Tea shop', name: 'Mei', email: email.toUpperCase(), password: PASSWORD },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      user: { email, roles: ['owner'] },
      workspace: { name: 'Tea shop', timeZone: 'UTC' },
    });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const me = await get('/session', sessionCookie(res));
    expect(me.json()).toMatchObject({ user: { email } });
    const stored = await ctx.models.User.findOne({
      workspaceId: (res.json() as { workspace: { id: string } }).workspace.id,
      email,
    }).lean();
    expect(stored!.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a second account with the same email', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/signup',
      payload: { workspaceName: 'Copy', name: 'Copy', email: owner.email, password: PASSWORD },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'KEFU_ERR_CONFLICT', field: 'body/email' });
  });

  it('rejects a tampered cookie and a session that has expired', async () => {
    const [name, value] = owner.cookie.split('=') as [string, string];
    const tampered = `${name}=${value.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))}`;
    expect((await get('/session', tampered)).statusCode).toBe(401);
    const res = await login(owner.email, PASSWORD);
    const cookie = sessionCookie(res);
    expect((await get('/session', cookie)).statusCode).toBe(200);
    await ctx.models.Session.updateMany(
      { workspaceId: owner.workspaceId, userId: owner.userId },
      { $set: { expiresAt: new Date(Date.now() - 1000) } },
    );
    expect((await get('/session', cookie)).statusCode).toBe(401);
    owner.cookie = sessionCookie(await login(owner.email, PASSWORD));
  });

  it('sweeps expired sessions of every workspace and keeps live ones', async () => {
    const other = await signUp(ctx.app, 'sweep');
    const expired = new Date(Date.now() - 1000);
    for (const m of [owner, other]) {
      await ctx.models.Session.create({
        workspaceId: m.workspaceId,
        userId: m.userId,
        tokenHash: `gone-${m.userId}`,
        expiresAt: expired,
      });
    }
    expect(await ctx.app.accounts.sweepExpiredSessions()).toBeGreaterThanOrEqual(2);
    for (const m of [owner, other])
      expect(
        await ctx.models.Session.countDocuments({
          workspaceId: m.workspaceId,
          expiresAt: { $lte: new Date() },
        }),
      ).toBe(0);
    expect((await get('/session', owner.cookie)).statusCode).toBe(200);
    expect((await get('/session', other.cookie)).statusCode).toBe(200);
  });

  it('signs out: the cookie stops working', async () => {
    const cookie = sessionCookie(await login(owner.email, PASSWORD));
    const out = await ctx.app.inject({ method: 'DELETE', url: '/session', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect((await get('/session', cookie)).statusCode).toBe(401);
    expect((await get('/session', owner.cookie)).statusCode).toBe(200);
  });

  it('changes the password, ends the other sessions and keeps this one', async () => {
    const member = await addMember(ctx.app, owner, ['agent'], 'pw');
    const other = sessionCookie(await login(member.email, PASSWORD));
    const wrong = await ctx.app.inject({
      method: 'POST',
      url: '/session/password',
      headers: { cookie: member.cookie },
      payload: { currentPassword: 'not it at all', newPassword: 'a brand new passphrase' },
    });
    expect(wrong.statusCode).toBe(401);
    const changed = await ctx.app.inject({
      method: 'POST',
      url: '/session/password',
      headers: { cookie: member.cookie },
      payload: { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await get('/session', member.cookie)).statusCode).toBe(200);
    expect((await get('/session', other)).statusCode).toBe(401);
    expect((await login(member.email, PASSWORD)).statusCode).toBe(401);
    expect((await login(member.email, 'a brand new passphrase')).statusCode).toBe(200);
  });

  it('answers an unknown email exactly like a wrong password', async () => {
    const unknown = await login(uniqueEmail('nobody'), PASSWORD);
    const wrong = await login(owner.email, 'wrong password here');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('locks an account after repeated failures, even against the right password', async () => {
    const member = await addMember(ctx.app, owner, ['analyst'], 'lock');
    for (let i = 0; i < 5; i++) expect((await login(member.email, `wrong guess ${i}`)).statusCode).toBe(401);
    const locked = await login(member.email, PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ code: 'KEFU_ERR_LOGIN_LOCKED' });
    // When the lock runs out, the right password works and the counter starts again.
    const throttle = { _id: idForKey(`login ${member.email}`) };
    await ctx.models.LoginThrottle.updateOne(throttle, { $set: { lockedUntil: new Date(Date.now() - 1) } });
    expect((await login(member.email, PASSWORD)).statusCode).toBe(200);
    expect(await ctx.models.LoginThrottle.exists(throttle)).toBeNull();
    expect((await login(member.email, 'one more wrong guess')).statusCode).toBe(401);
  });

  it('locks an unknown email after as many failures as a known one, with the same answer', async () => {
    const member = await addMember(ctx.app, owner, ['analyst'], 'lock-known');
    const nobody = uniqueEmail('lock-nobody');
    for (let i = 0; i < 5; i++) {
      const known = await login(member.email, `wrong guess ${i}`);
      const unknown = await login(nobody, `wrong guess ${i}`);
      expect([known.statusCode, unknown.statusCode]).toEqual([401, 401]);
      expect(unknown.json()).toEqual(known.json());
    }
    const known = await login(member.email, PASSWORD);
    const unknown = await login(nobody, PASSWORD);
    expect([known.statusCode, unknown.statusCode]).toEqual([429, 429]);
    expect(unknown.json()).toEqual(known.json());
    // The email's case does not give a fresh count.
    expect((await login(nobody.toUpperCase(), 'another guess')).statusCode).toBe(429);
    // A lapsed count is swept with the expired sessions: guessed emails do not pile up.
    const throttle = { _id: idForKey(`login ${nobody}`) };
    await ctx.models.LoginThrottle.updateOne(throttle, { $set: { expiresAt: new Date(Date.now() - 1) } });
    await ctx.app.accounts.sweepExpiredSessions();
    expect(await ctx.models.LoginThrottle.exists(throttle)).toBeNull();
    expect(await ctx.models.LoginThrottle.exists({ _id: idForKey(`login ${member.email}`) })).toBeTruthy();
  });
});

describe('invites and roles', () => {
  it('an invite link works once and gives the invited roles', async () => {
    const email = uniqueEmail('invitee');
    const invited = await ctx.app.inject({
      method: 'POST',
      url: '/invites',
      headers: { cookie: owner.cookie },
      payload: { email, roles: ['agent', 'analyst'] },
    });
    expect(invited.statusCode).toBe(201);
    const { link, invite } = invited.json() as { link: string; invite: { status: string } };
    expect(invite.status).toBe('pending');
    const token = new URL(link).searchParams.get('token')!;
    const stored = await ctx.models.Invite.findOne({ workspaceId: owner.workspaceId, email }).lean();
    expect(stored!.tokenHash).not.toContain(token.split('.')[1]);
    const accept = () =>
      ctx.app.inject({
        method: 'POST',
        url: '/invites/accept',
        payload: { token, name: 'Lin', password: PASSWORD },
      });
    const first = await accept();
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ user: { email, roles: ['agent', 'analyst'] } });
    const again = await accept();
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ code: 'KEFU_ERR_INVITE_INVALID', field: 'body/token' });
  });

  it('leaves one working link when the same email is invited several times at once', async () => {
    const email = uniqueEmail('raced-invitee');
    const invite = (roles: string[]) =>
      ctx.app.inject({
        method: 'POST',
        url: '/invites',
        headers: { cookie: owner.cookie },
        payload: { email, roles },
      });
    const sent = await Promise.all(
      Array.from({ length: 8 }, (_, i) => invite(i % 2 ? ['agent'] : ['analyst'])),
    );
    expect(sent.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    expect(await ctx.models.Invite.countDocuments({ workspaceId: owner.workspaceId, email })).toBe(1);
    const tokens = sent.map((r) => new URL((r.json() as { link: string }).link).searchParams.get('token')!);
    const accepted = [];
    for (const [i, token] of tokens.entries()) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/invites/accept',
        payload: { token, name: `Raced ${i}`, password: PASSWORD },
      });
      if (res.statusCode === 201) accepted.push(res.json() as { user: { roles: string[] } });
      else expect(res.json()).toMatchObject({ code: 'KEFU_ERR_INVITE_INVALID' });
    }
    expect(accepted).toHaveLength(1);
    // Every link but one was replaced before anyone used it: even the refused ones are not "email taken".
    const stored = await ctx.models.Invite.findOne({ workspaceId: owner.workspaceId, email }).lean();
    expect(accepted[0]!.user.roles).toEqual(stored!.roles);
  });

  it('invites again after the invited user was removed, with a fresh link', async () => {
    const email = uniqueEmail('returning');
    const send = () =>
      ctx.app.inject({
        method: 'POST',
        url: '/invites',
        headers: { cookie: owner.cookie },
        payload: { email, roles: ['agent'] },
      });
    const accept = (link: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/invites/accept',
        payload: { token: new URL(link).searchParams.get('token')!, name: 'Back', password: PASSWORD },
      });
    const first = (await send()).json() as { link: string };
    const joined = await accept(first.link);
    expect(joined.statusCode).toBe(201);
    const { id } = (joined.json() as { user: { id: string } }).user;
    expect(
      (await ctx.app.inject({ method: 'DELETE', url: `/users/${id}`, headers: { cookie: owner.cookie } }))
        .statusCode,
    ).toBeLessThan(300);
    const second = await send();
    expect(second.statusCode).toBe(201);
    expect((second.json() as { invite: { status: string } }).invite.status).toBe('pending');
    expect((await accept(first.link)).statusCode).toBe(400);
    expect((await accept((second.json() as { link: string }).link)).statusCode).toBe(201);
  });

  it('refuses an expired invite and a forged token', async () => {
    const email = uniqueEmail('late');
    const invited = await ctx.app.inject({
      method: 'POST',
      url: '/invites',
      headers: { cookie: owner.cookie },
      payload: { email, roles: ['agent'] },
    });
    const token = new URL((invited.json() as { link: string }).link).searchParams.get('token')!;
    await ctx.models.Invite.updateOne(
      { workspaceId: owner.workspaceId, email },
      { $set: { expiresAt: new Date(Date.now() - 1) } },
    );
    const late = await ctx.app.inject({
      method: 'POST',
      url: '/invites/accept',
      payload: { token, name: 'Late', password: PASSWORD },
    });
    expect(late.statusCode).toBe(400);
    const forged = `${owner.workspaceId}.${'A'.repeat(43)}`;
    const bad = await ctx.app.inject({
      method: 'POST',
      url: '/invites/accept',
      payload: { token: forged, name: 'F', password: PASSWORD },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('roles decide at once: granting and taking away', async () => {
    const member = await addMember(ctx.app, owner, ['agent'], 'promote');
    expect((await get('/users', member.cookie)).statusCode).toBe(403);
    expect((await get('/contacts', member.cookie)).statusCode).toBe(200);
    const grant = await ctx.app.inject({
      method: 'PUT',
      url: `/users/${member.userId}/roles`,
      headers: { cookie: owner.cookie },
      payload: { roles: ['owner'] },
    });
    expect(grant.statusCode).toBe(200);
    expect((await get('/users', member.cookie)).statusCode).toBe(200);
    const take = await ctx.app.inject({
      method: 'PUT',
      url: `/users/${member.userId}/roles`,
      headers: { cookie: owner.cookie },
      payload: { roles: ['analyst'] },
    });
    expect(take.statusCode).toBe(200);
    expect((await get('/users', member.cookie)).statusCode).toBe(403);
    expect((await get('/contacts', member.cookie)).statusCode).toBe(403);
  });

  it('keeps at least one active owner', async () => {
    const shop = await signUp(ctx.app, 'solo');
    for (const attempt of [
      { method: 'PUT' as const, url: `/users/${shop.userId}/roles`, payload: { roles: ['agent'] } },
      { method: 'PATCH' as const, url: `/users/${shop.userId}`, payload: { disabled: true } },
      { method: 'DELETE' as const, url: `/users/${shop.userId}` },
    ]) {
      const res = await ctx.app.inject({ ...attempt, headers: { cookie: shop.cookie } });
      expect(res.statusCode, attempt.url).toBe(409);
      expect(res.json()).toMatchObject({ code: 'KEFU_ERR_LAST_OWNER' });
    }
  });

  it('disabling a user signs them out and keeps them out', async () => {
    const member = await addMember(ctx.app, owner, ['agent'], 'disable');
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: `/users/${member.userId}`,
      headers: { cookie: owner.cookie },
      payload: { disabled: true },
    });
    expect(res.statusCode).toBe(200);
    expect((await get('/session', member.cookie)).statusCode).toBe(401);
    expect((await login(member.email, PASSWORD)).statusCode).toBe(401);
  });
});

describe('audit log', () => {
  it('records what owners changed, with before and after, newest first, page by page', async () => {
    const patched = await ctx.app.inject({
      method: 'PATCH',
      url: '/workspace',
      headers: { cookie: owner.cookie },
      payload: { name: 'Renamed shop', timeZone: 'Asia/Shanghai' },
    });
    expect(patched.statusCode).toBe(200);
    const first = await get('/audit?limit=2', owner.cookie);
    expect(first.statusCode).toBe(200);
    const page1 = first.json() as {
      items: { action: string; actor: { email: string }; before: unknown; after: unknown }[];
      nextCursor: string | null;
    };
    expect(page1.items).toHaveLength(2);
    expect(page1.items[0]).toMatchObject({
      action: 'workspace.update',
      actor: { email: owner.email },
      before: { name: 'accounts shop', timeZone: 'UTC' },
      after: { name: 'Renamed shop', timeZone: 'Asia/Shanghai' },
    });
    const seen = new Set<string>();
    let cursor = page1.nextCursor;
    let pages = 1;
    const actions: string[] = page1.items.map((i) => i.action);
    while (cursor) {
      const next = (await get(`/audit?limit=2&cursor=${cursor}`, owner.cookie)).json() as {
        items: { id: string; action: string }[];
        nextCursor: string | null;
      };
      for (const item of next.items) {
        expect(seen.has(item.id)).toBe(false);
        seen.add(item.id);
        actions.push(item.action);
      }
      cursor = next.nextCursor;
      pages++;
    }
    expect(pages).toBeGreaterThan(2);
    expect(actions).toEqual(
      expect.arrayContaining([
        'invite.create',
        'user.join',
        'user.roles.change',
        'user.update',
        'workspace.update',
      ]),
    );
    const roles = (await get('/audit?action=user.roles.change', owner.cookie)).json() as {
      items: { before: unknown; after: unknown }[];
    };
    expect(roles.items[0]).toMatchObject({ before: { roles: ['owner'] }, after: { roles: ['analyst'] } });
  });

  it('is for owners only', async () => {
    const analyst = await addMember(ctx.app, owner, ['analyst'], 'peek');
    expect((await get('/audit', analyst.cookie)).statusCode).toBe(403);
  });
});

describe('rate limits', () => {
  it('slows down repeated sign-ins from one address', async () => {
    const limited = await startAccessApp({ authPerMinute: 3 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++)
        codes.push(
          (
            await limited.app.inject({
              method: 'POST',
              url: '/session',
              payload: { email: 'x@example.com', password: 'whatever' },
            })
          ).statusCode,
        );
      expect(codes).toEqual([401, 401, 401, 429, 429]);
      const last = await limited.app.inject({
        method: 'POST',
        url: '/session',
        payload: { email: 'x@example.com', password: 'whatever' },
      });
      expect(last.json()).toMatchObject({ statusCode: 429, code: 'KEFU_ERR_RATE_LIMITED' });
    } finally {
      await limited.stop();
    }
  });
});
