import fp from 'fastify-plugin';
import swaggerUi from '@fastify/swagger-ui';
import { declareContextRoles } from '../app/access';

/** The interactive API page at /docs (and the OpenAPI JSON at /docs/json); its assets ship in the package. */
export default fp(
  async (app) => {
    await app.register(async (docs) => {
      declareContextRoles(docs, 'public');
      await docs.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
    });
  },
  { name: 'swagger-ui', dependencies: ['swagger', 'access'] },
);
