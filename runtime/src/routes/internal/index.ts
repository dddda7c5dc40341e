import type { FastifyPluginAsync } from 'fastify';
import { errorBodySchema, messageSchema, type Message } from '@kefu/schemas';
import { KefuError } from '../../errors';
import agentEventRoutes from './agent-events';
import ticketEventRoutes from './ticket-events';

interface DeliveryBody {
  message: Message;
  /** Sent by workers that know them (every current one): no lookup on the widget's hot path. */
  workspaceId?: string;
  channel?: 'web' | 'email' | 'api';
}

/** Endpoints the worker calls; the access hook checks the shared internal token ('internal' roles). */
const internalRoutes: FastifyPluginAsync = async (app) => {
  const { Conversation } = app.models;

  /** For a worker that did not say: the conversation's workspace and channel. */
  async function findConversation(conversationId: string, workspaceId?: string) {
    const notFound = new KefuError('KEFU_ERR_NOT_FOUND', 'No such conversation', '/message/conversationId');
    if (!/^[0-9a-f]{24}$/.test(conversationId)) throw notFound;
    const found = await (workspaceId
      ? Conversation.findOne({ _id: conversationId, workspaceId }, { channel: 1, workspaceId: 1 })
      : Conversation.findOne({ _id: conversationId }, { channel: 1, workspaceId: 1 }).setOptions({
          acrossTenants: 'the internal worker push names a conversation by id only',
        })
    ).lean();
    if (!found) throw notFound;
    return { workspaceId: String(found.workspaceId), channel: found.channel };
  }

  app.post<{ Body: DeliveryBody }>(
    '/internal/deliveries',
    {
      config: { roles: 'internal' },
      schema: {
        tags: ['internal'],
        summary: 'Push a stored message to the live clients of its conversation and send it out by its channel',
        body: {
          type: 'object',
          required: ['message'],
          additionalProperties: false,
          properties: {
            message: messageSchema,
            workspaceId: { type: 'string', pattern: '^[0-9a-f]{24}$' },
            channel: { type: 'string', enum: ['web', 'email', 'api'] },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['delivered'],
            additionalProperties: false,
            properties: { delivered: { type: 'integer' } },
          },
          '4xx': errorBodySchema,
          '5xx': errorBodySchema,
        },
      },
    },
    async (request) => {
      const { message, workspaceId, channel } = request.body;
      const delivered = app.liveClients.push(message);
      // The inbox hears of the bot's message too (not awaited: the hub finds its audience only when
      // agents are connected, and never fails the push).
      const toAgents = (ws: string) => void app.agentHub.publish(ws, { type: 'message.created', message });
      if (workspaceId && channel === 'web') {
        toAgents(workspaceId);
        return { delivered };
      }
      const conversation =
        workspaceId && channel
          ? { workspaceId, channel }
          : await findConversation(message.conversationId, workspaceId);
      toAgents(conversation.workspaceId);
      if (conversation.channel === 'web') return { delivered };
      // Awaited: a failure answers 5xx, and the worker retries a push that must leave by email or webhook.
      await app.outbound.send(
        { id: message.conversationId, workspaceId: conversation.workspaceId, channel: conversation.channel },
        message,
      );
      return { delivered };
    },
  );

  await app.register(agentEventRoutes);
  await app.register(ticketEventRoutes);
};

export default internalRoutes;
