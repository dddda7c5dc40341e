import type { FastifyPluginAsync } from 'fastify';
import { errorBodySchema } from '@kefu/schemas';
import { objectIdSchema } from '@kefu/schemas/api';

/**
 * The worker's side of ticket flows: a flow step opened a ticket, and the API starts the published
 * ticket-created flow for it, as it does for tickets opened here. Starting is idempotent (the run's
 * id is the ticket's), so a repeated call starts nothing twice.
 */
const ticketEventRoutes: FastifyPluginAsync = async (app) => {
  app.post<{ Body: { workspaceId: string; ticketId: string; event: 'created' } }>(
    '/internal/ticket-events',
    {
      config: { roles: 'internal' },
      schema: {
        tags: ['internal'],
        summary: 'Start the ticket-created flow for a ticket a flow step opened',
        body: {
          type: 'object',
          required: ['workspaceId', 'ticketId', 'event'],
          additionalProperties: false,
          properties: { workspaceId: objectIdSchema, ticketId: objectIdSchema, event: { type: 'string', enum: ['created'] } },
        },
        response: {
          200: {
            type: 'object',
            required: ['started'],
            additionalProperties: false,
            properties: { started: { type: 'boolean' } },
          },
          '4xx': errorBodySchema,
          '5xx': errorBodySchema,
        },
      },
    },
    async (request) => ({ started: await app.tickets.startCreatedFlow(request.body.workspaceId, request.body.ticketId) }),
  );
};

export default ticketEventRoutes;
