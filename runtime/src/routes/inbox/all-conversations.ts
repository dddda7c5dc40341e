import type { FastifyPluginAsync } from 'fastify';
import {
  PAGE_LIMIT_DEFAULT,
  allConversationSchema,
  allConversationsQuerySchema,
  errorResponses,
  pageSchema,
  type AllConversation,
  type AllConversationsQuery,
  type ConversationState,
  type Page,
} from '@kefu/schemas/api';
import type { ConversationDoc } from '../../models';
import { staff } from '../../plugins/app/access';
import { decodeCursor, encodeCursor, pageOfSet, walkList } from '../../paginate';
import { toInboxConversations } from '../../inbox/inbox-view';
import { viewOf } from '../../privacy/pii-view';

type Row = ConversationDoc & { _id: unknown; createdAt: Date; seq?: number | null } & Record<string, unknown>;

/**
 * The state of a conversation as the all-conversations view names it, from top-level fields every
 * writer of status, assignee, team and hand-off keeps in the same write (models/inbox-keys.ts):
 * an open conversation with an agent is the agent's, one with an inbox key and no agent waits in a
 * queue, any other open one is the bot's.
 */
export function stateOf(c: {
  status?: string | null;
  assigneeId?: unknown;
  inboxKey?: unknown;
}): ConversationState {
  if (c.status === 'closed') return 'closed';
  if (c.assigneeId) return 'agent';
  if (c.inboxKey) return 'waiting';
  return 'bot';
}

/** The latest customer or agent message, else when it started: what "newest activity" orders by. */
const activityOf = (c: Row) => new Date(c.lastMessageAt ?? c.createdAt);

/**
 * GET /inbox/all: every conversation of the shop, for owners. Two bounded reads:
 * - the bot's, the waiting and the agents' conversations are open: the open set is one lookup
 *   (`statusKey`), a working set small by nature, sorted by newest activity and filtered here;
 * - all of them, or the closed ones, grow with the shop's history: read newest started first by
 *   page keys (models/list-keys.ts), at most 512 per request; a filtered page can come back short
 *   with `scannedTo` and a cursor that searches on.
 * The tag filter is a tag of the contact, read per row that passes the other filters (so at most
 * limit + 1 contacts per request on the history).
 */
const allConversations: FastifyPluginAsync = async (app) => {
  const { Conversation, Contact } = app.models;

  app.get<{ Querystring: AllConversationsQuery }>(
    '/inbox/all',
    {
      config: { roles: ['owner'] },
      schema: {
        tags: ['inbox'],
        summary: 'All conversations (owners)',
        description:
          'Bot-handled, waiting, with an agent, closed; filter by state, channel, team, contact tag and last activity ' +
          '(from/to). With state bot, waiting or agent: the open conversations, newest activity first, with `total`. ' +
          'Otherwise newest started first, at most 512 read per request (a short page has `scannedTo` and a nextCursor).',
        querystring: allConversationsQuerySchema,
        response: { 200: pageSchema(allConversationSchema), ...errorResponses },
      },
    },
    async (request): Promise<Page<AllConversation>> => {
      const auth = staff(request);
      const { workspaceId, userId } = auth;
      const view = viewOf(auth);
      const q = request.query;
      const limit = q.limit ?? PAGE_LIMIT_DEFAULT;
      const from = q.from ? Date.parse(q.from) : -Infinity;
      const to = q.to ? Date.parse(q.to) : Infinity;
      const matches = (c: Row) => {
        const at = activityOf(c).getTime();
        return (
          !c.test &&
          (!q.state || stateOf(c) === q.state) &&
          (!q.channel || c.channel === q.channel) &&
          (!q.teamId || String(c.teamId) === q.teamId) &&
          at >= from &&
          at < to
        );
      };
      const tagged = async (rows: Row[]) => {
        if (!q.tag) return rows;
        const ids = [...new Set(rows.map((c) => String(c.contactId)))];
        const found = await Promise.all(
          ids.map((_id) => Contact.findOne({ _id, workspaceId }, { tags: 1 }).lean()),
        );
        const withTag = new Set(found.filter((c) => c?.tags?.includes(q.tag!)).map((c) => String(c!._id)));
        return rows.filter((c) => withTag.has(String(c.contactId)));
      };
      const wire = async (rows: Row[]) => {
        const items = await toInboxConversations(app.models, workspaceId, userId, rows, view);
        return items.map((item, i) => {
          const row = rows[i]!;
          return {
            ...item,
            state: stateOf(row),
            ...(row.flowRun?.flowId ? { flowId: String(row.flowRun.flowId) } : {}),
          };
        });
      };

      if (q.state && q.state !== 'closed') {
        const shape = `inbox/all/open/${q.state}`;
        const after = q.cursor ? decodeCursor(q.cursor, shape) : undefined;
        const open = await Conversation.find({ workspaceId, statusKey: `${workspaceId}:open` }).lean<Row[]>();
        const rows = await tagged(open.filter(matches));
        const page = pageOfSet(rows, {
          sort: { value: activityOf, dir: -1 },
          limit,
          ...(after && 'v' in after ? { after } : {}),
        });
        return {
          items: await wire(page.items),
          nextCursor: page.next ? encodeCursor(shape, page.next) : null,
          total: page.total,
        };
      }

      const shape = `inbox/all/${q.state ?? 'any'}`;
      const after = q.cursor ? decodeCursor(q.cursor, shape) : undefined;
      const walk = await walkList<Row>({
        model: Conversation as never,
        workspaceId,
        list: 'conversations',
        order: -1,
        limit,
        match: matches,
        ...(after && 'o' in after ? { after: after.o } : {}),
      });
      const items = await tagged(walk.items);
      const short = walk.next !== null && items.length < limit && walk.reached;
      return {
        items: await wire(items),
        nextCursor: walk.next !== null ? encodeCursor(shape, { o: walk.next }) : null,
        ...(short ? { scannedTo: new Date(walk.reached!.createdAt).toISOString() } : {}),
      };
    },
  );
};

export default allConversations;
