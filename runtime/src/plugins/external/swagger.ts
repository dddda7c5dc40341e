import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';

/** OpenAPI 3 generated from the route schemas; must be registered before the routes it describes. */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: {
          title: 'Kefu API',
          version: '0.1.0',
          description:
            'Every route declares its roles (x-roles). Errors: {statusCode, code, message, field}. ' +
            'Lists: ?limit=&cursor=&sort=, answered {items, nextCursor}.',
        },
        components: {
          securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'kefu_session' } },
        },
      },
      transform: ({ schema, url, route }) => {
        const roles = route.config?.roles;
        // Staff routes need the session cookie; say so, so the page shows which routes are locked.
        const security = Array.isArray(roles) ? { security: [{ session: [] }] } : {};
        return {
          schema: { ...schema, ...(roles ? { 'x-roles': roles } : {}), ...security } as typeof schema,
          url,
        };
      },
    });
  },
  { name: 'swagger' },
);
