import type { FastifyPluginAsync } from 'fastify';
import {
  conversationSummarySchema,
  errorResponses,
  idParamsSchema,
  pageQuerySchema,
  pageSchema,
  type ConversationSummary,
  type IdParams,
  type PageQuery,
} from '@kefu/schemas/api';
import { KefuError } from '../../errors';
import { staff } from '../../plugins/app/access';
import { paginate } from '../../paginate';

/** The workspace's conversations, read by owners and agents (the inbox issue adds the actions). */
const conversationRoutes: FastifyPluginAsync = async (app) => {
  const { Conversation } = app.models;
  const tags = ['conversations'];
  const readers = { roles: ['owner', 'agent'] as const };

  app.get<{ Querystring: PageQuery & { status?: 'open' | 'closed' } }>(
    '/conversations',
    {
      config: readers,
      schema: {
        tags,
        summary: 'List conversations',
        querystring: {
          ...pageQuerySchema(['createdAt', 'lastMessageAt'], '-createdAt'),
          properties: {
            ...pageQuerySchema(['createdAt', 'lastMessageAt'], '-createdAt').properties,
            status: { type: 'string', enum: ['open', 'closed'] },
          },
        },
        response: { 200: pageSchema(conversationSummarySchema), ...errorResponses },
      },
    },
    async (request) => {
      const { status, ...page } = request.query;
      // Designer simulations are not the shop's conversations.
      const filter = {
        workspaceId: staff(request).workspaceId,
        test: { $ne: true },
        ...(status ? { status } : {}),
      };
      return await paginate(Conversation, filter, page, toWireConversation);
    },
  );

  app.get<{ Params: IdParams }>(
    '/conversations/:id',
    {
      config: readers,
      schema: {
        tags,
        summary: 'One conversation',
        params: idParamsSchema,
        response: { 200: conversationSummarySchema, ...errorResponses },
      },
    },
    async (request) => {
      const found = await Conversation.findOne({
        _id: request.params.id,
        workspaceId: staff(request).workspaceId,
      }).lean();
      if (!found) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such conversation', 'params/id');
      return toWireConversation(found);
    },
  );
};

function toWireConversation(c: {
  _id: unknown;
  contactId: unknown;
  channel: 'web' | 'email' | 'api';
  status: 'open' | 'closed';
  lastMessageAt?: Date | null;
  createdAt: Date;
}): ConversationSummary {
  return {
    id: String(c._id),
    contactId: String(c.contactId),
    channel: c.channel,
    status: c.status,
    ...(c.lastMessageAt ? { lastMessageAt: c.lastMessageAt.toISOString() } : {}),
    createdAt: new Date(c.createdAt).toISOString(),
  };
}

export default conversationRoutes;
