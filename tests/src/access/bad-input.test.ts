import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema, type ErrorBody } from '@kefu/schemas';
import { checker } from '@kefu/schemas/validate';
import {
  addMember,
  concretePath,
  freshCookie,
  signUp,
  startAccessApp,
  type AccessApp,
  type Member,
} from './access-app';

/** Bad requests get the documented 4xx error shape naming the field, never a 5xx. */
const isErrorBody = checker<ErrorBody>(errorBodySchema);
let ctx: AccessApp;
let owner: Member;
let all: Member;

beforeAll(async () => {
  ctx = await startAccessApp();
  owner = await signUp(ctx.app, 'bad-input');
  all = await addMember(ctx.app, owner, ['owner', 'agent', 'analyst'], 'all-roles');
});
afterAll(async () => await ctx?.stop());

async function send(
  method: string,
  url: string,
  payload?: string | object,
  headers: Record<string, string> = {},
) {
  const res = await ctx.app.inject({
    method: method as 'POST',
    url,
    headers: { cookie: await freshCookie(ctx.app, all), ...headers },
    ...(payload === undefined ? {} : { payload }),
  });
  const body = JSON.parse(res.body) as unknown;
  const shape = isErrorBody(body);
  expect(shape.ok, `${method} ${url} answered ${res.statusCode} ${res.body.slice(0, 200)}`).toBe(true);
  return { status: res.statusCode, body: body as ErrorBody };
}

describe('bad input on the REST API', () => {
  it.each([
    ['wrong type', 'POST', '/invites', { email: 42, roles: ['agent'] }, 'body/email'],
    ['wrong item', 'POST', '/invites', { email: 'x@example.com', roles: ['janitor'] }, 'body/roles/0'],
    ['not an email', 'POST', '/invites', { email: 'not-an-email', roles: ['agent'] }, 'body/email'],
    ['missing field', 'POST', '/invites', { email: 'x@example.com' }, 'body/roles'],
    ['extra field', 'PATCH', '/workspace', { name: 'Shop', isAdmin: true }, 'body/isAdmin'],
    ['empty patch', 'PATCH', '/workspace', {}, 'body'],
    [
      'weak password',
      'POST',
      '/session/password',
      { currentPassword: 'x', newPassword: 'short' },
      'body/newPassword',
    ],
    ['array body', 'POST', '/invites', [], 'body'],
    ['null where a string belongs', 'PATCH', '/workspace', { name: null }, 'body/name'],
  ])('%s gives 400 naming the field', async (_what, method, url, payload, field) => {
    const { status, body } = await send(method, url, payload);
    expect(status).toBe(400);
    expect(body.code).toBe('KEFU_ERR_VALIDATION');
    expect(body.field).toBe(field);
  });

  it.each([
    ['a non-numeric limit', '/users?limit=ten', 'querystring/limit'],
    ['a limit over the maximum', '/users?limit=1000', 'querystring/limit'],
    ['an unknown sort field', '/users?sort=passwordHash', 'querystring/sort'],
    ['a forged cursor', '/users?cursor=bm90IGEgY3Vyc29y', 'querystring/cursor'],
    ['an unknown query parameter', '/users?admin=1', 'querystring/admin'],
    ['an id that is not an id', '/users/not-an-id', 'params/id'],
    ['a query parameter on a route that takes none', '/workspace?debug=1', 'querystring/debug'],
  ])('%s gives 400 naming the field', async (_what, url, field) => {
    const { status, body } = await send('GET', url);
    expect(status).toBe(400);
    expect(body.field).toBe(field);
  });

  it('malformed JSON gives 400 KEFU_ERR_BAD_JSON', async () => {
    const { status, body } = await send('POST', '/invites', '{"email": "x@example.com",', {
      'content-type': 'application/json',
    });
    expect(status).toBe(400);
    expect(body.code).toBe('KEFU_ERR_BAD_JSON');
  });

  it('a huge body gives 413 before it is parsed', async () => {
    const huge = JSON.stringify({
      email: 'x@example.com',
      roles: ['agent'],
      pad: 'x'.repeat(2 * 1024 * 1024),
    });
    const { status, body } = await send('POST', '/invites', huge, { 'content-type': 'application/json' });
    expect(status).toBe(413);
    expect(body.code).toBe('KEFU_ERR_PAYLOAD_TOO_LARGE');
  });

  it('a body that is not JSON gives 415', async () => {
    const { status, body } = await send('POST', '/invites', 'email=x@example.com', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(status).toBe(415);
    expect(body.code).toBe('KEFU_ERR_UNSUPPORTED_MEDIA_TYPE');
  });

  it('public routes answer bad input the same way', async () => {
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/session',
      payload: { email: 'x@example.com', password: 7 },
    });
    expect(login.statusCode).toBe(400);
    expect(login.json()).toMatchObject({ code: 'KEFU_ERR_VALIDATION', field: 'body/password' });
    const signup = await ctx.app.inject({
      method: 'POST',
      url: '/signup',
      payload: { email: 'x@example.com' },
    });
    expect(signup.statusCode).toBe(400);
    expect((signup.json() as ErrorBody).field).toMatch(/^body\//);
  });

  it('every route with a body answers each kind of bad body with a 4xx error shape, never a 5xx', async () => {
    const bodies: [string, string][] = [
      ['malformed', '{"a":'],
      ['array', '[]'],
      ['string', '"text"'],
      ['number', '42'],
      ['nested junk', JSON.stringify({ a: { b: { c: [1, { d: null }] } }, __proto__: { admin: true } })],
      ['huge', JSON.stringify({ pad: 'x'.repeat(1024 * 1024 + 1) })],
    ];
    const failures: string[] = [];
    for (const route of ctx.app.routeCatalog.filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method))) {
      for (const [kind, payload] of bodies) {
        const headers = {
          'content-type': 'application/json',
          cookie: await freshCookie(ctx.app, all),
          'x-kefu-internal-token': ctx.internalToken,
        };
        const res = await ctx.app.inject({
          method: route.method as 'POST',
          url: concretePath(route.url),
          headers,
          payload,
        });
        let body: unknown;
        try {
          body = JSON.parse(res.body);
        } catch {
          body = res.body;
        }
        if (res.statusCode < 400 || res.statusCode >= 500 || !isErrorBody(body).ok)
          failures.push(`${route.method} ${route.url} ${kind}: ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
