import type { FastifyPluginAsync } from 'fastify';
import { errorBodySchema } from '@kefu/schemas';
import { objectIdSchema } from '@kefu/schemas/api';
import { publishConversation } from '../../inbox/conversation-actions';
import { announceOffer } from '../../inbox/offer-events';

/** What the worker changed for agents to see; the API reads the rest from the database. */
interface AgentChange {
  workspaceId: string;
  conversationId: string;
  change: 'offer' | 'queued' | 'resolved' | 'updated';
  offerId?: string;
}

/**
 * The worker's side of the agent socket: flow steps make and expire offers, hand conversations to
 * a person and close them, and tell the API here, which pushes the news to the agents concerned.
 */
const agentEventRoutes: FastifyPluginAsync = async (app) => {
  app.post<{ Body: AgentChange }>(
    '/internal/agent-events',
    {
      config: { roles: 'internal' },
      schema: {
        tags: ['internal'],
        summary: 'Tell connected agents about an offer or a conversation a flow step changed',
        description:
          'offer: an offer was made or ended (offerId); queued: the conversation waits for a person; resolved: the flow closed it; updated: something else the list shows changed (a rating).',
        body: {
          type: 'object',
          required: ['workspaceId', 'conversationId', 'change'],
          additionalProperties: false,
          properties: {
            workspaceId: objectIdSchema,
            conversationId: objectIdSchema,
            change: { type: 'string', enum: ['offer', 'queued', 'resolved', 'updated'] },
            offerId: objectIdSchema,
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['ok'],
            additionalProperties: false,
            properties: { ok: { type: 'boolean' } },
          },
          '4xx': errorBodySchema,
          '5xx': errorBodySchema,
        },
      },
    },
    async (request) => {
      const { workspaceId, conversationId, change, offerId } = request.body;
      if (change === 'offer' && offerId) await announceOffer(app, workspaceId, offerId);
      else if (change === 'queued') await publishConversation(app, workspaceId, conversationId, 'conversation.queued');
      else if (change === 'resolved') await publishConversation(app, workspaceId, conversationId, 'conversation.resolved');
      else if (change === 'updated') await publishConversation(app, workspaceId, conversationId, 'conversation.updated');
      return { ok: true };
    },
  );
};

export default agentEventRoutes;
