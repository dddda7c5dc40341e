import fp from 'fastify-plugin';
import cors from '@fastify/cors';
import { declareForeignRoute } from '../app/access';

/**
 * Browsers on other origins may call the API only from the configured widget origins
 * (KEFU_WIDGET_ORIGINS); the console and chat page are served from the API's own origin and need
 * no CORS. Credentials are never allowed cross-origin: staff sessions stay same-site.
 */
export default fp(
  async (app, opts: { origins: string[] }) => {
    declareForeignRoute(app, 'OPTIONS *', 'public'); // the preflight answer cors adds
    await app.register(cors, { origin: opts.origins.length > 0 ? opts.origins : false, credentials: false });
  },
  { name: 'cors', dependencies: ['access'] },
);
