import type { FastifyPluginAsync } from 'fastify';
import { errorBodySchema, messageSchema, type Message } from '@kefu/schemas';
import { KefuError } from '../../errors';
import agentEventRoutes from './agent-events';

interface DeliveryBody {
  message: Message;
  /** Sent by workers that know it; the message's conversation is then looked up in its workspace. */
  workspaceId?: string;
}

/** Endpoints the worker calls; the access hook checks the shared internal token ('internal' roles). */
const internalRoutes: FastifyPluginAsync = async (app) => {
  const { Conversation } = app.models;
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
      const { message, workspaceId } = request.body;
      const delivered = app.liveClients.push(message);
      if (!/^[0-9a-f]{24}$/.test(message.conversationId))
        throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such conversation', '/message/conversationId');
      // The worker is trusted with every workspace; an older worker names only the conversation.
      const conversation = await (workspaceId
        ? Conversation.findOne({ _id: message.conversationId, workspaceId }, { channel: 1, workspaceId: 1 })
        : Conversation.findOne({ _id: message.conversationId }, { channel: 1, workspaceId: 1 }).setOptions({
            acrossTenants: 'the internal worker push names a conversation by id only',
          })
      ).lean();
      if (!conversation)
        throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such conversation', '/message/conversationId');
      void app.agentHub.publish(String(conversation.workspaceId), { type: 'message.created', message });
      // Awaited: a failure answers 5xx, and the worker retries a push that must leave by email or webhook.
      await app.outbound.send(
        { id: message.conversationId, workspaceId: String(conversation.workspaceId), channel: conversation.channel },
        message,
      );
      return { delivered };
    },
  );

  await app.register(agentEventRoutes);
};

export default internalRoutes;
