import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';

export interface OwnOrigin {
  /**
   * Whether a browser's Origin header names this server: the host the request was sent to (the
   * Host header, or X-Forwarded-Host when KEFU_TRUST_PROXY is on), or a configured URL of it
   * (KEFU_PUBLIC_URL, KEFU_API_URL).
   * The scheme is not compared: behind a TLS-terminating proxy this server sees http while the
   * page was https, and the same host on either scheme is ours. "null" and junk are not ours.
   */
  matches(request: FastifyRequest, origin: string): boolean;
  /** The exact WebSocket origins of this server as the request reached it, for CSP connect-src. */
  socketOrigins(request: FastifyRequest): string[];
}

declare module 'fastify' {
  interface FastifyInstance {
    ownOrigin: OwnOrigin;
  }
}

/** host[:port] as a Host header may carry it; anything else (spaces, ';', paths) is refused. */
const HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

export default fp(
  async (app, opts: { publicUrls: Array<string | undefined> }) => {
    const configured = new Set(opts.publicUrls.map(hostOf).filter((h) => h !== null));
    const requestHost = (request: FastifyRequest): string | null => {
      const host = request.host?.toLowerCase();
      return host && HOST.test(host) ? host : null;
    };
    app.decorate('ownOrigin', {
      matches(request, origin) {
        const host = hostOf(origin);
        if (!host) return false;
        return host === requestHost(request) || configured.has(host);
      },
      socketOrigins(request) {
        const host = requestHost(request);
        return host ? [`ws://${host}`, `wss://${host}`] : [];
      },
    } satisfies OwnOrigin);
  },
  { name: 'own-origin' },
);

/** host[:port] of an http(s) origin, lower case, default ports dropped as browsers drop them. */
function hostOf(origin: string | undefined): string | null {
  if (!origin || origin === 'null') return null;
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.host.toLowerCase();
  } catch {
    return null;
  }
}
