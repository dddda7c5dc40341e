import type { FastifyPluginAsync } from 'fastify';
import {
  PAGE_LIMIT_DEFAULT,
  conversationSummarySchema,
  errorResponses,
  idParamsSchema,
  pageQuerySchema,
  pageSchema,
  type ConversationSummary,
  type IdParams,
  type Page,
  type PageQuery,
} from '@kefu/schemas/api';
import { KefuError } from '../../errors';
import { staff } from '../../plugins/app/access';
import { decodeCursor, encodeCursor, pageOfSet, sortOf, sortRefused, walkList } from '../../paginate';

const query = pageQuerySchema(['createdAt', 'lastMessageAt'], '-createdAt');

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
        description:
          'Open conversations are read whole: sorted by createdAt or lastMessageAt, with `total`. All ' +
          'conversations (or the closed ones) come newest or oldest first by creation, at most 512 read per ' +
          'request (a filtered page can come back short, with `scannedTo` and a nextCursor that goes on); ' +
          'sorting them by lastMessageAt is refused (400, querystring/sort).',
        querystring: {
          ...query,
          properties: { ...query.properties, status: { type: 'string', enum: ['open', 'closed'] } },
        },
        response: { 200: pageSchema(conversationSummarySchema), ...errorResponses },
      },
    },
    async (request): Promise<Page<ConversationSummary>> => {
      const { status, limit = PAGE_LIMIT_DEFAULT, cursor, sort = '-createdAt' } = request.query;
      const { workspaceId } = staff(request);
      const { field, dir } = sortOf(sort);
      // Designer simulations are not the shop's conversations.
      const real = (c: ConversationRow) => !c.test && (!status || c.status === status);
      if (status === 'open') {
        const shape = `conversations/open/${sort}`;
        const after = cursor ? decodeCursor(cursor, shape) : undefined;
        const rows = await Conversation.find({ workspaceId, statusKey: `${workspaceId}:open` }).lean<
          ConversationRow[]
        >();
        const page = pageOfSet(rows, {
          sort: { value: (c) => (field === 'lastMessageAt' ? (c.lastMessageAt ?? null) : c.createdAt), dir },
          limit,
          match: real,
          ...(after && 'v' in after ? { after } : {}),
        });
        return {
          items: page.items.map(toWireConversation),
          nextCursor: page.next ? encodeCursor(shape, page.next) : null,
          total: page.total,
        };
      }
      if (field !== 'createdAt')
        throw sortRefused(
          'Conversations sort by lastMessageAt only with status=open (all of them sort by createdAt)',
        );
      const shape = `conversations/all/${sort}`;
      const after = cursor ? decodeCursor(cursor, shape) : undefined;
      const walk = await walkList<ConversationRow>({
        model: Conversation as never,
        workspaceId,
        list: 'conversations',
        order: dir,
        limit,
        match: real,
        ...(after && 'o' in after ? { after: after.o } : {}),
      });
      const short = walk.next !== null && walk.items.length < limit && walk.reached;
      return {
        items: walk.items.map(toWireConversation),
        nextCursor: walk.next !== null ? encodeCursor(shape, { o: walk.next }) : null,
        ...(short ? { scannedTo: new Date(walk.reached!.createdAt).toISOString() } : {}),
      };
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

interface ConversationRow extends Record<string, unknown> {
  _id: unknown;
  contactId: unknown;
  channel: 'web' | 'email' | 'api';
  status: 'open' | 'closed';
  lastMessageAt?: Date | null;
  createdAt: Date;
  test?: boolean | null;
}

function toWireConversation(c: ConversationRow): ConversationSummary {
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
