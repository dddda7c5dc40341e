import type { FastifyPluginAsync } from 'fastify';
import {
  agentTypingSchema,
  errorResponses,
  idParamsSchema,
  type AgentTyping,
  type IdParams,
} from '@kefu/schemas/api';
import { KefuError } from '../../errors';
import { staff } from '../../plugins/app/access';

/**
 * The agent's side of the widget's typing indicator: the inbox says when the agent types a reply,
 * and the customer's widget shows "typing…". Only the conversation's assignee or an owner may.
 */
const agentTypingRoutes: FastifyPluginAsync = async (app) => {
  app.post<{ Params: IdParams; Body: AgentTyping }>(
    '/conversations/:id/typing',
    {
      config: { roles: ['owner', 'agent'] },
      schema: {
        tags: ['inbox'],
        summary: 'Tell the customer the agent is typing (or stopped)',
        description: 'Pushed to the widget as a typing frame; nothing is stored. Assignee or owners only.',
        params: idParamsSchema,
        body: agentTypingSchema,
        response: { 204: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const auth = staff(request);
      const conversation = await app.models.Conversation.findOne(
        { _id: request.params.id, workspaceId: auth.workspaceId },
        { assignee: 1 },
      ).lean();
      if (!conversation) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such conversation', 'params/id');
      const mine = String(conversation.assignee?.agentId ?? '') === auth.userId;
      if (!mine && !auth.roles.includes('owner'))
        throw new KefuError(
          'KEFU_ERR_FORBIDDEN',
          'Only the assigned agent types in this conversation',
          'params/id',
        );
      app.liveClients.notify(request.params.id, { type: 'typing', typing: request.body.typing });
      return reply.status(204).send();
    },
  );
};

export default agentTypingRoutes;
