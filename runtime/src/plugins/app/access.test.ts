import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import cookiePlugin from '../external/cookie';
import accessPlugin, { declareContextRoles } from './access';

async function appWithAccess() {
  const app = Fastify();
  await app.register(cookiePlugin, { secret: 's'.repeat(32) });
  await app.register(accessPlugin, { internalToken: 'i'.repeat(32) });
  return app;
}

describe('route roles at registration', () => {
  it('refuses a route that declares no roles', async () => {
    const app = await appWithAccess();
    const registering = app.register(async (area) => {
      area.get('/forgotten', async () => ({}));
    });
    await expect(registering).rejects.toThrow(/GET \/forgotten declares no roles/);
  });

  it.each([[[]], [['owner', 'janitor']], ['everyone']])('refuses roles %j', async (roles) => {
    const app = await appWithAccess();
    const registering = app.register(async (area) => {
      area.get('/odd', { config: { roles: roles as never } }, async () => ({}));
    });
    await expect(registering).rejects.toThrow(/\/odd/);
  });

  it('catalogues declared routes, and routes of a context declared as a whole', async () => {
    const app = await appWithAccess();
    const body = { type: 'object' } as const;
    app.get(
      '/open',
      { config: { roles: 'public' }, schema: { response: { 200: body, 503: body, '5xx': body } } },
      async () => ({}),
    );
    app.post('/owners', { config: { roles: ['owner'] } }, async () => ({}));
    await app.register(async (thirdParty) => {
      declareContextRoles(thirdParty, 'public');
      thirdParty.get('/assets/x', async () => ({}));
    });
    await app.ready();
    expect(app.routeCatalog).toEqual(
      expect.arrayContaining([
        {
          method: 'GET',
          url: '/open',
          roles: 'public',
          websocket: false,
          hasBody: false,
          answers: [200, 503],
        },
        { method: 'POST', url: '/owners', roles: ['owner'], websocket: false, hasBody: false, answers: [] },
        { method: 'GET', url: '/assets/x', roles: 'public', websocket: false, hasBody: false, answers: [] },
      ]),
    );
  });

  it('answers 401 without a session and checks the internal token', async () => {
    const app = await appWithAccess();
    app.get('/owners', { config: { roles: ['owner'] } }, async () => ({ ok: true }));
    app.get('/internal', { config: { roles: 'internal' } }, async () => ({ ok: true }));
    expect((await app.inject('/owners')).statusCode).toBe(401);
    expect(
      (await app.inject({ url: '/owners', headers: { cookie: 'kefu_session=forged' } })).statusCode,
    ).toBe(401);
    expect((await app.inject('/internal')).statusCode).toBe(401);
    const internal = await app.inject({
      url: '/internal',
      headers: { 'x-kefu-internal-token': 'i'.repeat(32) },
    });
    expect(internal.statusCode).toBe(200);
  });
});
