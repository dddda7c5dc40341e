import type { FastifyPluginAsync } from 'fastify';
import {
  CONTACT_ATTRIBUTES_MAX,
  contactDetailSchema,
  contactListQuerySchema,
  contactPatchSchema,
  contactSchema,
  errorResponses,
  idParamsSchema,
  pageSchema,
  type ContactDetail,
  type ContactListQuery,
  type ContactPatch,
  type ContactReadQuery,
  type IdParams,
  contactReadQuerySchema,
} from '@kefu/schemas/api';
import { ticketNumberField } from '../../models';
import { KefuError } from '../../errors';
import { staff } from '../../plugins/app/access';
import { toWireContact } from '../../contacts/contact-wire';
import { maskValue } from '../../privacy/pii';
import { CLEAR, MASKED, shown, viewOf } from '../../privacy/pii-view';
import { listContacts } from './list-contacts';

const tags = ['contacts'];
const HISTORY_LIMIT = 100;
/** Owners and agents both look after customers: they read and edit contacts alike. */
export const contactStaff = { roles: ['owner', 'agent'] as const };

/** Listing, reading (with the whole history) and editing contacts. */
const contactRecordRoutes: FastifyPluginAsync = async (app) => {
  const { Contact, Conversation, Ticket, SurveyResponse } = app.models;
  // A contact's history below is three equality lookups on contactId (indexed), sorted here.

  app.get<{ Querystring: ContactListQuery }>(
    '/contacts',
    {
      config: contactStaff,
      schema: {
        tags,
        summary: 'List contacts',
        description:
          'Newest or oldest first; merged contacts and simulations are left out; `total` when unfiltered. ' +
          '`q` first finds contacts by exact email, phone number or a word of the name, then those whose name, ' +
          'email or phone contains it, ignoring case. That second part and `tag` read at most 512 contacts per ' +
          'request: a page can come back short with `scannedTo` and a nextCursor that searches on.',
        querystring: contactListQuerySchema,
        response: { 200: pageSchema(contactSchema), ...errorResponses },
      },
    },
    async (request) => {
      const auth = staff(request);
      return await listContacts(app.models, auth.workspaceId, request.query, viewOf(auth));
    },
  );

  app.get<{ Params: IdParams; Querystring: ContactReadQuery }>(
    '/contacts/:id',
    {
      config: contactStaff,
      schema: {
        tags,
        summary: 'One contact with its conversations, tickets and ratings',
        description:
          `The latest ${HISTORY_LIMIT} of each, newest first. Personal data is masked for a user without ` +
          '"view personal data", and for anyone with `masked=true` (the inbox\'s contact panel, which reveals ' +
          'with POST /contacts/{id}/reveal).',
        params: idParamsSchema,
        querystring: contactReadQuerySchema,
        response: { 200: contactDetailSchema, ...errorResponses },
      },
    },
    async (request): Promise<ContactDetail> => {
      const auth = staff(request);
      const { workspaceId } = auth;
      const view = request.query.masked ? MASKED : viewOf(auth);
      const contact = await Contact.findOne({ _id: request.params.id, workspaceId }).lean();
      if (!contact) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such contact', 'params/id');
      const mine = { workspaceId, contactId: contact._id };
      const newest = { createdAt: -1 as const, _id: -1 as const };
      const [conversations, tickets, responses] = await Promise.all([
        Conversation.find(mine).sort(newest).limit(HISTORY_LIMIT).lean(),
        Ticket.find(mine).sort(newest).limit(HISTORY_LIMIT).lean(),
        SurveyResponse.find(mine).sort(newest).limit(HISTORY_LIMIT).lean(),
      ]);
      return {
        contact: toWireContact(contact, view),
        conversations: conversations.map((c) => ({
          id: String(c._id),
          channel: c.channel,
          status: c.status,
          ...(c.lastMessageAt ? { lastMessageAt: c.lastMessageAt.toISOString() } : {}),
          ...(c.csat?.rating ? { csat: c.csat.rating } : {}),
          createdAt: c.createdAt.toISOString(),
        })),
        tickets: tickets.map((t) => ({
          id: String(t._id),
          ...ticketNumberField(t.seq),
          subject: shown(view, t.subject),
          status: t.status,
          priority: t.priority,
          ...(t.conversationId ? { conversationId: String(t.conversationId) } : {}),
          createdAt: t.createdAt.toISOString(),
        })),
        surveyResponses: responses.map((r) => ({
          id: String(r._id),
          conversationId: String(r.conversationId),
          rating: r.rating,
          ...(r.comment ? { comment: shown(view, r.comment) } : {}),
          createdAt: r.createdAt.toISOString(),
        })),
      };
    },
  );

  app.patch<{ Params: IdParams; Body: ContactPatch }>(
    '/contacts/:id',
    {
      config: contactStaff,
      schema: {
        tags,
        summary: 'Edit a contact',
        description:
          'null clears name, email or phone; attributes are merged key by key (a key set to null is removed, keys not named are kept); tags replaces the whole list; addTags/removeTags change only those tags.',
        params: idParamsSchema,
        body: contactPatchSchema,
        response: { 200: contactSchema, ...errorResponses },
      },
    },
    async (request) => {
      const auth = staff(request);
      const scope = { _id: request.params.id, workspaceId: auth.workspaceId };
      const before = await Contact.findOne(scope).lean();
      if (!before) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such contact', 'params/id');
      if (before.mergedInto)
        throw new KefuError(
          'KEFU_ERR_CONFLICT',
          'This contact was merged into another; edit that one',
          'params/id',
        );
      const { addTags, removeTags, ...fields } = request.body;
      // Without the permission the console shows these masked: writing over a value one cannot see
      // (or saving its mask back) is refused.
      if (!auth.seesPersonalData)
        for (const field of ['email', 'phone'] as const)
          if (fields[field] !== undefined)
            throw new KefuError(
              'KEFU_ERR_FORBIDDEN',
              'Changing a contact\'s email or phone needs the "view personal data" permission',
              `body/${field}`,
            );
      if (fields.tags && (addTags || removeTags))
        throw new KefuError(
          'KEFU_ERR_VALIDATION',
          'Give tags (the whole list) or addTags/removeTags, not both',
          'body/tags',
        );
      const { attributes, ...rest } = fields;
      const $set: Record<string, unknown> = {};
      const $unset: Record<string, ''> = {};
      for (const [key, value] of Object.entries(rest)) {
        if (value === null) $unset[key] = '';
        else $set[key] = key === 'tags' ? [...new Set(value as string[])] : value;
      }
      for (const [path, value] of Object.entries(
        attributes ? attributeChanges(before.attributes, attributes) : {},
      ))
        if (value === undefined) $unset[path] = '';
        else $set[path] = value;
      // $addToSet and $pullAll are single-document writes the store applies atomically, so two agents
      // tagging at once both keep their tag; one update may not both add to and remove from a field.
      const changes = [
        {
          ...(Object.keys($set).length ? { $set } : {}),
          ...(Object.keys($unset).length ? { $unset } : {}),
          ...(addTags?.length ? { $addToSet: { tags: { $each: addTags } } } : {}),
        },
        ...(removeTags?.length ? [{ $pullAll: { tags: removeTags } }] : []),
      ].filter((change) => Object.keys(change).length > 0);
      let after = before;
      for (const change of changes)
        after = await Contact.findOneAndUpdate(scope, change, { returnDocument: 'after' }).lean().orFail();
      // The audit keeps what was stored; the caller sees it as they may.
      const a = toWireContact(after, CLEAR);
      const b = toWireContact(before, CLEAR);
      await app.audit.record(auth, {
        action: 'contact.update',
        targetType: 'contact',
        targetId: a.id,
        before: editable(b),
        after: editable(a),
      });
      return toWireContact(after, viewOf(auth));
    },
  );
};

/**
 * The update an attributes patch makes: key by key (the schema keeps `.` and `$` out of keys, so
 * each is one field path; undefined marks a key to remove), so a client that sets one attribute
 * keeps the others and concurrent edits of different keys both stay, as with addTags. Refused when
 * it would grow a contact past the attribute limit.
 */
function attributeChanges(stored: unknown, patch: Record<string, unknown>): Record<string, unknown> {
  const current = isPlainObject(stored) ? stored : null;
  const kept = new Set(Object.keys(current ?? {}));
  for (const [key, value] of Object.entries(patch))
    if (value === null) kept.delete(key);
    else kept.add(key);
  if (kept.size > CONTACT_ATTRIBUTES_MAX && kept.size > Object.keys(current ?? {}).length)
    throw new KefuError(
      'KEFU_ERR_VALIDATION',
      `A contact keeps at most ${CONTACT_ATTRIBUTES_MAX} attributes; remove some (null) to add others`,
      'body/attributes',
    );
  // Something other than an object (stored by a flow, or never set): the edit's keys start afresh.
  if (!current)
    return { attributes: Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== null)) };
  return Object.fromEntries(
    Object.entries(patch).map(([key, value]) => [`attributes.${key}`, value === null ? undefined : value]),
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What the audit keeps of an edit. The email and phone are masked: the audit log is not sealed like
 * the contact (docs/privacy.md), and a masked value still shows what changed.
 */
function editable(c: ReturnType<typeof toWireContact>): Record<string, unknown> {
  return {
    name: c.name,
    email: c.email ? maskValue('email', c.email) : c.email,
    phone: c.phone ? maskValue('phone', c.phone) : c.phone,
    tags: c.tags,
    attributes: c.attributes,
  };
}

export default contactRecordRoutes;
