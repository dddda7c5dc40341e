import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';

/** The embeddable widget's loader script, which shops put on their own sites. */
export const WIDGET_SCRIPT_PATH = '/widget.js';
/** The customer chat page, which the loader opens in an iframe on shops' sites. */
export const CHAT_PAGE_PREFIX = '/chat/';

/**
 * Security headers on every answer. The CSP allows what the built web app and the /docs page load
 * from this origin only; inline styles are allowed because swagger-ui and React Flow set them.
 *
 * Two exceptions make the widget embeddable, and nothing else is framable or loadable from other
 * sites: the chat page may be framed by any site (it holds only the visitor's own chat, so there
 * is nothing to click-jack; an owner can narrow it to their sites, chat-page-frames.ts), and the
 * loader script may be loaded cross-origin.
 */
export default fp(
  async (app) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          // Plus this server's exact ws:// and wss:// origin, added per request below: 'self' covers
          // them in CSP3 browsers, older ones need them spelled out. Never a whole scheme (ws:, wss:).
          connectSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          // No 'unsafe-eval' anywhere: the designer's validators are compiled at build time
          // (editor/scripts/precompile-validators.ts).
          scriptSrc: ["'self'"],
          // Local and small-shop installs run on plain http; upgrading would break every asset.
          upgradeInsecureRequests: null,
        },
      },
    });
    app.addHook('onSend', async (request, reply) => {
      const csp = reply.getHeader('content-security-policy');
      const sockets = app.ownOrigin.socketOrigins(request);
      if (typeof csp === 'string' && sockets.length > 0)
        reply.header(
          'content-security-policy',
          csp.replace("connect-src 'self'", `connect-src 'self' ${sockets.join(' ')}`),
        );
      const path = request.url.split('?')[0]!;
      if (path.startsWith(CHAT_PAGE_PREFIX)) {
        reply.removeHeader('x-frame-options');
        const policy = reply.getHeader('content-security-policy');
        if (typeof policy === 'string')
          reply.header(
            'content-security-policy',
            policy.replace("frame-ancestors 'self'", 'frame-ancestors *'),
          );
      } else if (path === WIDGET_SCRIPT_PATH) {
        reply.header('cross-origin-resource-policy', 'cross-origin');
      }
    });
  },
  { name: 'helmet', dependencies: ['own-origin'] },
);
