import type { FastifyPluginAsync } from 'fastify';
import {
  contactErasedSchema,
  contactEraseQuerySchema,
  contactExportSchema,
  errorResponses,
  idParamsSchema,
  type ContactEraseQuery,
  type IdParams,
} from '@kefu/schemas/api';
import { KefuError } from '../../errors';
import { staff } from '../../plugins/app/access';
import {
  ContactInConversation,
  contactAuditId,
  eraseContact,
  exportContact,
} from '../../privacy/erase-contact';

const tags = ['contacts'];
const owners = { roles: ['owner'] as const };

/** A customer's rights: everything about them as JSON, and deletion everywhere (docs/privacy.md). */
const contactEraseRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Params: IdParams }>(
    '/contacts/:id/export',
    {
      config: owners,
      schema: {
        tags,
        summary: 'Everything stored about one contact, as JSON',
        description:
          'The contact and the contacts merged into it, their conversations with messages and notes, tickets ' +
          'with their events, survey responses, and the flow runs that ran for them with their steps. Owners ' +
          'only; recorded in the audit log.',
        params: idParamsSchema,
        response: { 200: contactExportSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const auth = staff(request);
      const data = await exportContact(app.models, auth.workspaceId, request.params.id);
      if (!data) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such contact', 'params/id');
      await app.audit.record(auth, {
        action: 'contact.export',
        targetType: 'contact',
        targetId: contactAuditId(request.params.id),
      });
      void reply.header('content-disposition', `attachment; filename="contact-${request.params.id}.json"`);
      return data;
    },
  );

  app.delete<{ Params: IdParams; Querystring: ContactEraseQuery }>(
    '/contacts/:id',
    {
      config: owners,
      schema: {
        tags,
        summary: 'Delete one contact everywhere',
        description:
          'Deletes the contact and the contacts merged into it, their conversations, messages, notes, tickets, ' +
          'ticket events and survey responses. Their flow runs stay for the flows’ analytics, with the contact, ' +
          'conversation and the steps’ quoted values removed. `confirm` repeats the contact’s id. Refused (409) ' +
          'while a conversation of the contact is open. Owners only; recorded in the audit log with the counts.',
        params: idParamsSchema,
        querystring: contactEraseQuerySchema,
        response: { 200: contactErasedSchema, ...errorResponses },
      },
    },
    async (request) => {
      const auth = staff(request);
      const { id } = request.params;
      if (request.query.confirm !== id)
        throw new KefuError(
          'KEFU_ERR_VALIDATION',
          "confirm must repeat the contact's id",
          'querystring/confirm',
        );
      let erased;
      try {
        erased = await eraseContact(app.models, auth.workspaceId, id);
      } catch (err) {
        if (err instanceof ContactInConversation)
          throw new KefuError('KEFU_ERR_CONFLICT', err.message, 'params/id');
        throw err;
      }
      if (!erased) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such contact', 'params/id');
      await app.audit.record(auth, {
        action: 'contact.delete',
        targetType: 'contact',
        targetId: contactAuditId(id),
        after: erased,
      });
      return { erased };
    },
  );
};

export default contactEraseRoutes;
