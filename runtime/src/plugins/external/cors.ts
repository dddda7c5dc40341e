import fp from 'fastify-plugin';
import cors from '@fastify/cors';
import { declareForeignRoute } from '../app/access';

/** The codec endpoint (routes/temporal-codec), which the Temporal UI calls from its own origin. */
export const TEMPORAL_CODEC_PREFIX = '/temporal-codec/';

/**
 * Browsers on other origins may call the API only from the configured widget origins
 * (KEFU_WIDGET_ORIGINS); the console and chat page are served from the API's own origin and need
 * no CORS. Credentials are never allowed cross-origin: staff sessions stay same-site. The one
 * exception is the codec endpoint, which the Temporal UI (KEFU_TEMPORAL_UI_ORIGIN) calls with the
 * owner's session cookie and its X-Namespace header; no other origin may call it from a browser.
 */
export default fp(
  async (app, opts: { origins: string[]; temporalUiOrigin?: string }) => {
    declareForeignRoute(app, 'OPTIONS *', 'public'); // the preflight answer cors adds
    const widget = { origin: opts.origins.length > 0 ? opts.origins : false, credentials: false };
    const codec = opts.temporalUiOrigin
      ? {
          origin: [opts.temporalUiOrigin],
          credentials: true,
          methods: ['POST'],
          allowedHeaders: ['content-type', 'x-namespace', 'authorization'],
        }
      : { origin: false };
    await app.register(cors, {
      delegator: (request, callback) =>
        callback(null, request.url.startsWith(TEMPORAL_CODEC_PREFIX) ? codec : widget),
    });
  },
  { name: 'cors', dependencies: ['access'] },
);
