import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEntry } from '@kefu/runtime/access';
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

/**
 * Walks every registered route with every kind of caller and checks the answer against the
 * route's declared roles. The routes come from the app itself (the access plugin's onRoute
 * catalogue), so a route added later is walked too, and one without a declaration cannot even be
 * registered (runtime/src/plugins/app/access.test.ts).
 */
type Caller = 'nobody' | 'visitor' | 'internal' | 'owner' | 'agent' | 'analyst';
const CALLERS: Caller[] = ['nobody', 'visitor', 'internal', 'owner', 'agent', 'analyst'];
const isErrorBody = checker<ErrorBody>(errorBodySchema);

let ctx: AccessApp;
let members: Record<'owner' | 'agent' | 'analyst', Member>;
let visitorToken: string;

beforeAll(async () => {
  ctx = await startAccessApp();
  const owner = await signUp(ctx.app, 'walk');
  members = {
    owner,
    agent: await addMember(ctx.app, owner, ['agent']),
    analyst: await addMember(ctx.app, owner, ['analyst']),
  };
  const contact = await ctx.models.Contact.create({
    workspaceId: owner.workspaceId,
    visitorId: 'visitor-walk-1',
  });
  visitorToken = ctx.app.visitorTokens.issue(
    { workspaceId: owner.workspaceId, contactId: String(contact._id) },
    'visitor-walk-1',
  );
});
afterAll(async () => await ctx?.stop());

function expected(roles: RouteEntry['roles'], caller: Caller): 'allowed' | 401 | 403 {
  if (roles === 'public' || roles === 'visitor') return 'allowed';
  if (roles === 'internal') return caller === 'internal' ? 'allowed' : 401;
  if (caller === 'nobody' || caller === 'visitor' || caller === 'internal') return 401;
  return roles.includes(caller) ? 'allowed' : 403;
}

async function headersFor(caller: Caller): Promise<Record<string, string>> {
  switch (caller) {
    case 'nobody':
      return {};
    case 'visitor':
      // A visitor token is only good inside the widget socket: presented anywhere else it is nobody.
      return { authorization: `Bearer ${visitorToken}`, cookie: `kefu_session=${visitorToken}` };
    case 'internal':
      return { 'x-kefu-internal-token': ctx.internalToken };
    default:
      return { cookie: await freshCookie(ctx.app, members[caller]) };
  }
}

describe('every route answers by its declared roles', () => {
  it('has the routes this issue added, each with a declaration', () => {
    const urls = ctx.app.routeCatalog.map((r) => `${r.method} ${r.url}`);
    for (const route of [
      'GET /health',
      'POST /internal/deliveries',
      'GET /ws/widget',
      'POST /signup',
      'GET /users',
      'GET /audit',
      'GET /docs/json',
    ])
      expect(urls).toContain(route);
    for (const route of ctx.app.routeCatalog)
      expect(route.roles, `${route.method} ${route.url}`).toBeDefined();
  });

  it('lets owners call every console route: owners may do everything in their workspace', () => {
    const ownerless = ctx.app.routeCatalog
      .filter((r) => Array.isArray(r.roles) && !r.roles.includes('owner'))
      .map((r) => `${r.method} ${r.url}`);
    expect(ownerless).toEqual([]);
  });

  it('lets in exactly the declared callers, on every route', async () => {
    const mismatches: string[] = [];
    for (const route of ctx.app.routeCatalog) {
      for (const caller of CALLERS) {
        const res = await ctx.app.inject({
          method: route.method as 'GET',
          url: concretePath(route.url),
          headers: {
            ...(await headersFor(caller)),
            ...(['POST', 'PUT', 'PATCH'].includes(route.method)
              ? { 'content-type': 'application/json' }
              : {}),
          },
          ...(['POST', 'PUT', 'PATCH'].includes(route.method) ? { payload: '{}' } : {}),
        });
        const want = expected(route.roles, caller);
        const got = res.statusCode;
        const where = `${route.method} ${route.url} as ${caller}: ${got} ${res.body.slice(0, 160)}`;
        // A status the route's response schema names (readiness' 503 with its report while no worker
        // polls, as here) is one of its answers, not a server error.
        if (got >= 500 && want === 'allowed' && route.answers.includes(got)) continue;
        if (got >= 500) mismatches.push(`${where} (server error)`);
        else if (want === 'allowed' && (got === 401 || got === 403))
          mismatches.push(`${where} (should be let in)`);
        else if (want !== 'allowed' && got !== want) mismatches.push(`${where} (expected ${want})`);
        if (got >= 400 && route.method !== 'HEAD' && !isErrorBody(parse(res.body)).ok)
          mismatches.push(`${where} (not the error shape)`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

function parse(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}
