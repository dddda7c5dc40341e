import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ROLES, type Role } from '@kefu/schemas/api';
import { KefuError } from '../../errors';
import { safeEqual } from '../../auth/tokens';
import type { StaffAuth } from './accounts';

/**
 * Who may call a route, declared on every route as `config: { roles }`:
 * - a list of roles: a signed-in console user holding at least one of them;
 * - 'public': anyone (health, sign-up, login, accepting an invite, the API docs);
 * - 'visitor': widget customers; the route itself checks the visitor token in its frames;
 * - 'internal': the worker, with the shared internal token header.
 */
export type RouteRoles = 'public' | 'visitor' | 'internal' | readonly Role[];

export const SESSION_COOKIE = 'kefu_session';
export const INTERNAL_TOKEN_HEADER = 'x-kefu-internal-token';

/** Every console role; for routes any signed-in user may call (their own session, who am I). */
export const ANY_STAFF: readonly Role[] = ROLES;

/** A registered route and who may call it, as the access hook saw it at registration. */
export interface RouteEntry {
  method: string;
  url: string;
  roles: RouteRoles;
  websocket: boolean;
  /** Whether the route declares a body schema (a POST without one is a bodiless action). */
  hasBody: boolean;
  /** The statuses its response schema names one by one (`503` for readiness), not by class (`5xx`). */
  answers: number[];
}

declare module 'fastify' {
  interface FastifyContextConfig {
    roles?: RouteRoles;
  }
  interface FastifyInstance {
    /** Every route registered after the access plugin (which buildApp registers first), with its roles. */
    routeCatalog: readonly RouteEntry[];
  }
  interface FastifyRequest {
    /** The signed-in console user; set on every route that declares roles, null elsewhere. */
    auth: StaffAuth | null;
  }
}

const contextRoles = Symbol('kefu.contextRoles');

/**
 * Declares the roles of every route a third-party plugin registers inside `instance` (e.g. the
 * /docs pages of @fastify/swagger-ui, the static web app), which cannot carry our route config.
 */
export function declareContextRoles(instance: FastifyInstance, roles: RouteRoles): void {
  instance.decorate<RouteRoles>(contextRoles, roles);
}

const foreignRoutes = Symbol('kefu.foreignRoutes');

/**
 * Declares the roles of one route that a third-party plugin registers among our own (e.g.
 * @fastify/cors's `OPTIONS *` preflight), keyed `'<METHOD> <url>'`. Call before registering it.
 */
export function declareForeignRoute(instance: FastifyInstance, route: string, roles: RouteRoles): void {
  (instance as unknown as Record<symbol, Map<string, RouteRoles>>)[foreignRoutes]!.set(route, roles);
}

/** A route's declared roles; an undeclared route never gets this far (see onRoute below). */
export function routeRoles(request: FastifyRequest): RouteRoles | undefined {
  return request.routeOptions.config.roles;
}

export default fp(
  async (app, opts: { internalToken: string }) => {
    app.decorateRequest('auth', null);
    const foreign = new Map<string, RouteRoles>();
    app.decorate<Map<string, RouteRoles>>(foreignRoutes, foreign);
    const catalog: RouteEntry[] = [];
    app.decorate('routeCatalog', catalog);

    // Refuse, at start-up, a route that does not say who may call it: forgetting is a crash, not an open door.
    app.addHook('onRoute', function (route) {
      const where = `${String(route.method)} ${route.url}`;
      const declared =
        route.config?.roles ??
        (this as unknown as Record<symbol, RouteRoles | undefined>)[contextRoles] ??
        foreign.get(where);
      if (declared === undefined)
        throw new Error(
          `Route ${where} declares no roles: add config: { roles: [...] | 'public' | 'visitor' | 'internal' }`,
        );
      if (typeof declared === 'string') {
        if (!['public', 'visitor', 'internal'].includes(declared))
          throw new Error(`Route ${where}: unknown roles "${declared}"`);
      } else if (declared.length === 0 || declared.some((r) => !ROLES.includes(r))) {
        throw new Error(`Route ${where}: roles must be a non-empty list of ${ROLES.join(', ')}`);
      }
      route.config = { ...route.config, roles: declared };
      for (const method of [route.method].flat())
        catalog.push({
          method,
          url: route.url,
          roles: declared,
          websocket: Boolean(route.websocket || route.wsHandler),
          hasBody: Boolean(route.schema?.body),
          answers: Object.keys(route.schema?.response ?? {})
            .filter((status) => /^\d{3}$/.test(status))
            .map(Number),
        });
    });

    const expectedInternal = opts.internalToken;
    app.addHook('onRequest', async (request, reply) => {
      const roles = routeRoles(request);
      if (roles === undefined || roles === 'public' || roles === 'visitor') return; // 404s have no route
      if (roles === 'internal') {
        const given = request.headers[INTERNAL_TOKEN_HEADER];
        if (typeof given !== 'string' || !safeEqual(given, expectedInternal))
          throw new KefuError('KEFU_ERR_UNAUTHORIZED', 'Internal endpoint');
        return;
      }
      const raw = request.cookies[SESSION_COOKIE];
      const unsigned = raw ? request.unsignCookie(raw) : null;
      // app.accounts is looked up per request: this plugin is registered before the services so that
      // its onRoute hook sees every route.
      const auth = unsigned?.valid && unsigned.value ? await app.accounts.authenticate(unsigned.value) : null;
      if (!auth) {
        if (raw) reply.clearCookie(SESSION_COOKIE, { path: '/' });
        throw new KefuError('KEFU_ERR_UNAUTHORIZED', 'Sign in first');
      }
      if (!roles.some((role) => auth.roles.includes(role)))
        throw new KefuError('KEFU_ERR_FORBIDDEN', `This needs one of the roles: ${roles.join(', ')}`);
      request.auth = auth;
    });
  },
  { name: 'access', dependencies: ['cookie'] },
);

/** The signed-in user of a route that declared roles; the hook above guarantees it is there. */
export function staff(request: FastifyRequest): StaffAuth {
  if (!request.auth) throw new KefuError('KEFU_ERR_UNAUTHORIZED', 'Sign in first');
  return request.auth;
}
