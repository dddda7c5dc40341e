import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { errorBodySchema, messageSchema, type Message } from '@kefu/schemas';
import { KefuError } from '../../errors';

/** Endpoints the worker calls; guarded by the shared internal token, never exposed to browsers. */
const internalRoutes: FastifyPluginAsync<{ internalToken: string }> = async (app, opts) => {
  const expected = Buffer.from(opts.internalToken);
  app.addHook('onRequest', async (request) => {
    const given = Buffer.from(String(request.headers['x-kefu-internal-token'] ?? ''));
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new KefuError('KEFU_ERR_UNAUTHORIZED', 'Internal endpoint');
  });

  app.post<{ Body: { message: Message } }>(
    '/internal/deliveries',
    {
      schema: {
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
