import type { FastifyPluginAsync } from 'fastify';
import {
  contactDuplicatesSchema,
  contactMergeBodySchema,
  contactSchema,
  emptySchema,
  errorResponses,
  idParamsSchema,
  type ContactDuplicates,
  type ContactMergeBody,
  type IdParams,
} from '@kefu/schemas/api';
import { ALLOW_SCAN } from '../../models';
import { staff } from '../../plugins/app/access';
import { toWireContact, type ContactRecord } from '../../contacts/contact-wire';
import { CLEAR, shownEmail, shownPhone, viewOf } from '../../privacy/pii-view';
import { mergeContacts } from '../../contacts/merge';
import { emailKey, phoneKey } from '../../contacts/normalize';
import { contactStaff } from './records';

const tags = ['contacts'];
const GROUPS_MAX = 100;

/** Finding contacts that are the same person, and merging them. */
const contactMergeRoutes: FastifyPluginAsync = async (app) => {
  const { Contact } = app.models;

  app.get(
    '/contacts/duplicates',
    {
      config: contactStaff,
      schema: {
        tags,
        summary: 'Contacts that share an email or phone number',
        description: `Emails compare ignoring case, phones by their digits. At most ${GROUPS_MAX} groups.`,
        querystring: emptySchema,
        response: { 200: contactDuplicatesSchema, ...errorResponses },
      },
    },
    async (request): Promise<ContactDuplicates> => {
      const auth = staff(request);
      const { workspaceId } = auth;
      const view = viewOf(auth);
      const contacts = (await Contact.find({
        workspaceId,
        mergedInto: { $exists: false },
        $or: [{ email: { $exists: true } }, { phone: { $exists: true } }],
      })
        .setOptions({
          [ALLOW_SCAN]: 'contact duplicates: a report over every contact; to be bounded with merges',
        })
        .sort({ createdAt: 1, _id: 1 })
        .lean()) as ContactRecord[];
      const groups = new Map<
        string,
        { reason: 'email' | 'phone'; value: string; contacts: ContactRecord[] }
      >();
      for (const c of contacts) {
        for (const [reason, value] of [
          ['email', emailKey(c.email)],
          ['phone', phoneKey(c.phone)],
        ] as const) {
          if (!value) continue;
          const key = `${reason}:${value}`;
          const group = groups.get(key) ?? { reason, value, contacts: [] };
          group.contacts.push(c);
          groups.set(key, group);
        }
      }
      return {
        groups: [...groups.values()]
          .filter((g) => g.contacts.length > 1)
          .slice(0, GROUPS_MAX)
          .map((g) => ({
            ...g,
            value: g.reason === 'email' ? shownEmail(view, g.value) : shownPhone(view, g.value),
            contacts: g.contacts.map((c) => toWireContact(c, view)),
          })),
      };
    },
  );

  app.post<{ Params: IdParams; Body: ContactMergeBody }>(
    '/contacts/:id/merge',
    {
      config: contactStaff,
      schema: {
        tags,
        summary: 'Merge contacts into this one',
        description:
          'Conversations, tickets and survey responses move here; tags and attributes are united (this ' +
          "contact's values win); empty name, email and phone are filled in. A merged contact's widget " +
          'visitor resumes as this contact. Repeating a merge changes nothing.',
        params: idParamsSchema,
        body: contactMergeBodySchema,
        response: { 200: contactSchema, ...errorResponses },
      },
    },
    async (request) => {
      const auth = staff(request);
      const result = await mergeContacts(
        app.models,
        auth.workspaceId,
        request.params.id,
        request.body.mergeIds,
      );
      const stored = (await Contact.findOne({ _id: request.params.id, workspaceId: auth.workspaceId })
        .lean()
        .orFail()) as ContactRecord;
      // The audit keeps what was stored; the caller sees it as they may.
      const after = toWireContact(stored, CLEAR);
      if (result.merged.length)
        await app.audit.record(auth, {
          action: 'contact.merge',
          targetType: 'contact',
          targetId: after.id,
          before: { ...result.before, mergedFrom: [] },
          after: {
            name: after.name,
            email: after.email,
            phone: after.phone,
            tags: after.tags,
            attributes: after.attributes,
            mergedFrom: result.merged,
          },
        });
      return toWireContact(stored, viewOf(auth));
    },
  );
};

export default contactMergeRoutes;
