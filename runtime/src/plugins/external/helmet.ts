import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';

/**
 * Security headers on every answer. The CSP allows what the built web app and the /docs page load
 * from this origin only; inline styles are allowed because swagger-ui and React Flow set them.
 */
export default fp(
  async (app) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          connectSrc: ["'self'", 'ws:', 'wss:'],
          imgSrc: ["'self'", 'data:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          // The designer page adds 'unsafe-eval' for itself (its in-browser ajv), see app.ts.
          scriptSrc: ["'self'"],
          // Local and small-shop installs run on plain http; upgrading would break every asset.
          upgradeInsecureRequests: null,
        },
      },
    });
  },
  { name: 'helmet' },
);
