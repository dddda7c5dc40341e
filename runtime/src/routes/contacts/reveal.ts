import type { FastifyPluginAsync } from 'fastify';
import {
  contactRevealSchema,
  errorResponses,
  idParamsSchema,
  type ContactReveal,
  type IdParams,
} from '@kefu/schemas/api';
import { KefuError } from '../../errors';
import { staff } from '../../plugins/app/access';
import { toWireContact } from '../../contacts/contact-wire';
import { CLEAR } from '../../privacy/pii-view';
import { contactStaff } from './records';

/**
 * The eye button of the inbox's contact panel, which shows personal fields masked until asked:
 * one contact's email, phone and attributes in clear, for a user with "view personal data", and an
 * audit entry saying who saw which fields of whom, when (docs/privacy.md).
 */
const contactRevealRoutes: FastifyPluginAsync = async (app) => {
  app.post<{ Params: IdParams }>(
    '/contacts/:id/reveal',
    {
      config: contactStaff,
      schema: {
        tags: ['contacts'],
        summary: "Show a contact's personal data in clear (audited)",
        description:
          'Needs the "view personal data" permission (owners always have it; 403 without). Each call writes ' +
          'a contact.reveal audit entry naming the fields shown.',
        params: idParamsSchema,
        response: { 200: contactRevealSchema, ...errorResponses },
      },
    },
    async (request): Promise<ContactReveal> => {
      const auth = staff(request);
      const stored = await app.models.Contact.findOne({
        _id: request.params.id,
        workspaceId: auth.workspaceId,
      }).lean();
      if (!stored) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such contact', 'params/id');
      // After the lookup: the role lets the caller in, the permission is the contact's data's.
      if (!auth.seesPersonalData)
        throw new KefuError(
          'KEFU_ERR_FORBIDDEN',
          'Showing personal data needs the "view personal data" permission; an owner can grant it',
        );
      const { id, email, phone, attributes } = toWireContact(stored, CLEAR);
      const fields = [
        ...(email ? ['email'] : []),
        ...(phone ? ['phone'] : []),
        ...(Object.keys(attributes).length ? ['attributes'] : []),
      ];
      await app.audit.record(auth, {
        action: 'contact.reveal',
        targetType: 'contact',
        targetId: id,
        before: null,
        after: { fields },
      });
      return { id, ...(email ? { email } : {}), ...(phone ? { phone } : {}), attributes };
    },
  );
};

export default contactRevealRoutes;
