import type { FastifyPluginAsync } from 'fastify';
import { errorBodySchema, messageSchema, type Message } from '@kefu/schemas';

/** Endpoints the worker calls; the access hook checks the shared internal token ('internal' roles). */
const internalRoutes: FastifyPluginAsync = async (app) => {
  app.post<{ Body: { message: Message } }>(
    '/internal/deliveries',
    {
      config: { roles: 'internal' },
      schema: {
        tags: ['internal'],
        summary: 'Push a stored message to the live clients of its conversation',
        body: {
          type: 'object',
          required: ['message'],
          additionalProperties: false,
          properties: { message: messageSchema },
        },
        response: {
          200: {
            type: 'object',
            required: ['delivered'],
            additionalProperties: false,
            properties: { delivered: { type: 'integer' } },
          },
          '4xx': errorBodySchema,
        },
      },
    },
    async (request) => ({ delivered: app.liveClients.push(request.body.message) }),
  );
};

export default internalRoutes;
