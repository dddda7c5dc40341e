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
    const bodies: [string, string | Buffer][] = [
      ['malformed', '{"a":'],
      ['array', '[]'],
      ['string', '"text"'],
      ['number', '42'],
      ['nested junk', JSON.stringify({ a: { b: { c: [1, { d: null }] } }, __proto__: { admin: true } })],
      ['huge', JSON.stringify({ pad: 'x'.repeat(1024 * 1024 + 1) })],
      ['NUL in a key', '{"name":"x","a\\u0000b":1}'],
      ['NUL in a value', '{"name":"x\\u0000"}'],
      ['lone surrogate', '{"name":"\\ud800"}'],
      ['prototype key', '{"constructor":{"prototype":{"admin":true}}}'],
      ['invalid UTF-8', Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff]), Buffer.from('"}')])],
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

describe('text that cannot be stored as given', () => {
  let contactId: string;
  beforeAll(async () => {
    const doc = await ctx.models.Contact.create({
      workspaceId: owner.workspaceId,
      visitorId: 'visitor-text-1',
    });
    contactId = String(doc._id);
  });
  const patch = (payload: string) =>
    send('PATCH', `/contacts/${contactId}`, payload, { 'content-type': 'application/json' });

  it.each([
    ['NUL in an attribute key', '{"attributes":{"a\\u0000b":"x"}}', 'body/attributes/a\\u0000b', 'U+0000'],
    [
      'a line break in an attribute key',
      '{"attributes":{"a\\nb":"x"}}',
      'body/attributes/a\\u000ab',
      'U+000A',
    ],
    ['NUL in an attribute value', '{"attributes":{"plan":"gold\\u0000"}}', 'body/attributes/plan', 'U+0000'],
    [
      'a lone surrogate in a value',
      '{"attributes":{"plan":"\\ud83d"}}',
      'body/attributes/plan',
      'lone surrogate',
    ],
    [
      'a lone surrogate in a key',
      '{"attributes":{"\\udc00":"x"}}',
      'body/attributes/\\udc00',
      'lone surrogate',
    ],
    ['an escape character in a name', '{"name":"Lin\\u001b[2J"}', 'body/name', 'U+001B'],
    ['a control character in a tag', '{"tags":["vip","a\\u0007"]}', 'body/tags/1', 'U+0007'],
    ['a C1 control character', '{"name":"Lin\\u0085"}', 'body/name', 'U+0085'],
    ['constructor as a key', '{"attributes":{"constructor":"x"}}', 'body/attributes/constructor', 'reserved'],
    ['prototype as a key', '{"attributes":{"prototype":"x"}}', 'body/attributes/prototype', 'reserved'],
    ['__proto__ as a key', '{"attributes":{"__proto__":{"x":1}}}', 'body/attributes/__proto__', 'reserved'],
  ])('%s: PATCH /contacts/:id answers 400 naming the field', async (_what, payload, field, said) => {
    const { status, body } = await patch(payload);
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 'KEFU_ERR_VALIDATION', field });
    expect(body.message).toContain(said);
    const stored = await ctx.models.Contact.findOne({
      _id: contactId,
      workspaceId: owner.workspaceId,
    }).lean();
    expect(stored!.name).toBeUndefined();
    expect(Object.keys(stored!.attributes ?? {})).toEqual([]);
  });

  it('refuses the same text in tickets, teams, articles and querystrings', async () => {
    const cases: [string, string, string, string][] = [
      ['POST', '/tickets', '{"subject":"Broken\\u0000"}', 'body/subject'],
      ['POST', '/tickets', '{"subject":"ok","customFields":{"order":"\\ud800"}}', 'body/customFields/order'],
      ['POST', '/tickets', '{"subject":"ok","tags":["\\u0000"]}', 'body/tags/0'],
      ['POST', '/teams', '{"key":"text","name":"Sup\\u0000port"}', 'body/name'],
      ['POST', '/kb/articles', '{"question":"\\ud800","answer":"x"}', 'body/question'],
    ];
    for (const [method, url, payload, field] of cases) {
      const { status, body } = await send(method, url, payload, { 'content-type': 'application/json' });
      expect([url, status, body.field]).toEqual([url, 400, field]);
    }
    const query = await send('GET', '/contacts?q=a%00b');
    expect([query.status, query.body.field]).toEqual([400, 'querystring/q']);
  });

  it('keeps names, tags and subjects to one line, while free text keeps its tabs and line breaks', async () => {
    const cases: [string, string, object, string][] = [
      ['PATCH', `/contacts/${contactId}`, { name: 'Lin\nDrop table' }, 'body/name'],
      ['PATCH', `/contacts/${contactId}`, { tags: ['ok', 'a\tb'] }, 'body/tags/1'],
      ['POST', '/tickets', { subject: 'two\r\nlines' }, 'body/subject'],
      ['POST', '/teams', { key: 'one-line', name: 'Sup\nport' }, 'body/name'],
    ];
    for (const [method, url, payload, field] of cases) {
      const { status, body } = await send(method, url, payload);
      expect([url, status, body.field, body.message]).toEqual([
        url,
        400,
        field,
        `${field} must be one line: no tabs or line breaks`,
      ]);
    }
    const ticket = await ctx.app.inject({
      method: 'POST',
      url: '/tickets',
      headers: { cookie: await freshCookie(ctx.app, all) },
      payload: { subject: 'Parcel late', description: 'Ordered:\n\t2 × mugs\r\nStill waiting' },
    });
    expect(ticket.statusCode, ticket.body).toBe(201);
    expect(ticket.json().description).toBe('Ordered:\n\t2 × mugs\r\nStill waiting');
  });

  it('refuses a body that is not valid UTF-8 instead of storing U+FFFD', async () => {
    const raw = Buffer.concat([Buffer.from('{"name":"Z'), Buffer.from([0xc3, 0x28]), Buffer.from('e"}')]);
    const { status, body } = await send('PATCH', `/contacts/${contactId}`, raw, {
      'content-type': 'application/json',
    });
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 'KEFU_ERR_BAD_JSON', field: 'body' });
  });

  it('keeps ordinary text: tabs and line breaks in free text, emoji, other scripts, formula-like values', async () => {
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: `/contacts/${contactId}`,
      headers: { cookie: await freshCookie(ctx.app, all) },
      payload: {
        name: 'Zoë 李 🎉',
        attributes: { 'note 📝': 'line one\nline\ttwo', balance: -5, formula: '=1+1' },
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      name: 'Zoë 李 🎉',
      attributes: { 'note 📝': 'line one\nline\ttwo', balance: -5, formula: '=1+1' },
    });
  });
});
