import type { FastifyPluginAsync } from 'fastify';

const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/health',
    {
      config: { roles: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Liveness',
        response: {
          200: {
            type: 'object',
            required: ['status'],
            additionalProperties: false,
            properties: { status: { const: 'ok' } },
          },
        },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
};

export default healthRoutes;
