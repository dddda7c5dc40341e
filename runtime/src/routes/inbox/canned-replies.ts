import type { FastifyPluginAsync } from 'fastify';
import { renderTemplate } from '@kefu/nodes';
import {
  cannedRenderSchema,
  cannedReplyCreateSchema,
  cannedReplySchema,
  cannedReplyUpdateSchema,
  cannedSearchSchema,
  errorResponses,
  idParamsSchema,
  pageQuerySchema,
  pageSchema,
  renderedTextSchema,
  type CannedRender,
  type CannedReplyCreate,
  type CannedReplyUpdate,
  type CannedReplyWire,
  type IdParams,
  type PageQuery,
} from '@kefu/schemas/api';
import { KefuError } from '../../errors';
import { staff } from '../../plugins/app/access';
import { paginate } from '../../paginate';
import type { CannedReplyDoc } from '../../models';

const SORTS = ['shortcut', 'title', 'createdAt'] as const;

/** Canned replies: owners write them (audited), agents search them and fill in a conversation's variables. */
const cannedReplies: FastifyPluginAsync = async (app) => {
  const { CannedReply, Conversation, Contact, User } = app.models;
  const tags = ['canned replies'];
  const agents = { roles: ['owner', 'agent'] as const };
  const owners = { roles: ['owner'] as const };

  async function find(workspaceId: string, id: string) {
    const found = await CannedReply.findOne({ _id: id, workspaceId });
    if (!found) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such canned reply', 'params/id');
    return found;
  }

  app.get<{ Querystring: PageQuery & { q?: string } }>(
    '/canned-replies',
    {
      config: agents,
      schema: {
        tags,
        summary: 'List or search canned replies',
        description: '`q` matches shortcut, title, text and tags, case-insensitively.',
        querystring: {
          ...pageQuerySchema(SORTS, 'shortcut'),
          properties: { ...pageQuerySchema(SORTS, 'shortcut').properties, ...cannedSearchSchema.properties },
        },
        response: { 200: pageSchema(cannedReplySchema), ...errorResponses },
      },
    },
    async (request) => {
      const { q, ...page } = request.query;
      const { workspaceId } = staff(request);
      // No $text on FerretDB: an escaped, case-insensitive pattern over the few fields (a small collection).
      const pattern = q ? new RegExp(q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i') : null;
      const filter = pattern
        ? { workspaceId, $or: [{ shortcut: pattern }, { title: pattern }, { text: pattern }, { tags: pattern }] }
        : { workspaceId };
      return await paginate(CannedReply, filter, { ...page, sort: page.sort ?? 'shortcut' }, toWire);
    },
  );

  app.post<{ Body: CannedReplyCreate }>(
    '/canned-replies',
    {
      config: owners,
      schema: {
        tags,
        summary: 'Create a canned reply',
        body: cannedReplyCreateSchema,
        response: { 200: cannedReplySchema, ...errorResponses },
      },
    },
    async (request) => {
      const auth = staff(request);
      let created;
      try {
        created = await CannedReply.create({ ...request.body, workspaceId: auth.workspaceId });
      } catch (err) {
        if ((err as { code?: number }).code === 11000) throw shortcutTaken();
        throw err;
      }
      const wire = toWire(created.toObject());
      await app.audit.record(auth, { action: 'canned-reply.create', targetType: 'canned-reply', targetId: wire.id, after: { ...request.body } });
      return wire;
    },
  );

  app.patch<{ Params: IdParams; Body: CannedReplyUpdate }>(
    '/canned-replies/:id',
    {
      config: owners,
      schema: {
        tags,
        summary: 'Change a canned reply',
        params: idParamsSchema,
        body: cannedReplyUpdateSchema,
        response: { 200: cannedReplySchema, ...errorResponses },
      },
    },
    async (request) => {
      const auth = staff(request);
      const before = toWire((await find(auth.workspaceId, request.params.id)).toObject());
      try {
        await CannedReply.updateOne({ _id: request.params.id, workspaceId: auth.workspaceId }, { $set: request.body });
      } catch (err) {
        if ((err as { code?: number }).code === 11000) throw shortcutTaken();
        throw err;
      }
      const after = toWire((await find(auth.workspaceId, request.params.id)).toObject());
      await app.audit.record(auth, { action: 'canned-reply.update', targetType: 'canned-reply', targetId: after.id, before, after });
      return after;
    },
  );

  app.delete<{ Params: IdParams }>(
    '/canned-replies/:id',
    {
      config: owners,
      schema: {
        tags,
        summary: 'Delete a canned reply',
        params: idParamsSchema,
        response: { 204: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const auth = staff(request);
      const before = toWire((await find(auth.workspaceId, request.params.id)).toObject());
      await CannedReply.deleteOne({ _id: request.params.id, workspaceId: auth.workspaceId });
      await app.audit.record(auth, { action: 'canned-reply.delete', targetType: 'canned-reply', targetId: before.id, before });
      return reply.code(204).send();
    },
  );

  app.post<{ Params: IdParams; Body: CannedRender }>(
    '/canned-replies/:id/render',
    {
      config: agents,
      schema: {
        tags,
        summary: "A canned reply with a conversation's variables filled in",
        description: 'Variables: {{contact.name}}, {{contact.email}}, {{contact.phone}}, {{contact.attributes.<key>}}, {{agent.name}}, {{agent.email}}. Unknown ones render empty.',
        params: idParamsSchema,
        body: cannedRenderSchema,
        response: { 200: renderedTextSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { workspaceId, userId } = staff(request);
      const canned = await find(workspaceId, request.params.id);
      const conversation = await Conversation.findOne({ _id: request.body.conversationId, workspaceId }, { contactId: 1, channel: 1 }).lean();
      if (!conversation) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such conversation', 'body/conversationId');
      const [contact, agent] = await Promise.all([
        Contact.findOne({ _id: conversation.contactId, workspaceId }, { name: 1, email: 1, phone: 1, attributes: 1, tags: 1 }).lean(),
        User.findOne({ _id: userId, workspaceId }, { name: 1, email: 1 }).lean(),
      ]);
      const scope = {
        contact: {
          id: String(conversation.contactId),
          name: contact?.name,
          email: contact?.email,
          phone: contact?.phone,
          attributes: contact?.attributes ?? {},
        },
        agent: { name: agent?.name, email: agent?.email },
        conversation: { id: request.body.conversationId, channel: conversation.channel },
      };
      return { text: renderTemplate(canned.text, scope) };
    },
  );
};

const shortcutTaken = () => new KefuError('KEFU_ERR_CONFLICT', 'Another canned reply has this shortcut', 'body/shortcut');

function toWire(doc: CannedReplyDoc & { _id: unknown; createdAt: Date; updatedAt: Date }): CannedReplyWire {
  return {
    id: String(doc._id),
    shortcut: doc.shortcut,
    title: doc.title,
    text: doc.text,
    tags: doc.tags ?? [],
    createdAt: new Date(doc.createdAt).toISOString(),
    updatedAt: new Date(doc.updatedAt).toISOString(),
  };
}

export default cannedReplies;
