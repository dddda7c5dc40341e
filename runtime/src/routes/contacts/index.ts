import type { FastifyPluginAsync } from 'fastify';
import {
  contactSummarySchema,
  errorResponses,
  idParamsSchema,
  pageQuerySchema,
  pageSchema,
  type ContactSummary,
  type IdParams,
  type PageQuery,
} from '@kefu/schemas/api';
import { KefuError } from '../../errors';
import { staff } from '../../plugins/app/access';
import { paginate } from '../../paginate';

/** Customers of the workspace, read by owners and agents. */
const contactRoutes: FastifyPluginAsync = async (app) => {
  const { Contact } = app.models;
  const tags = ['contacts'];
  const readers = { roles: ['owner', 'agent'] as const };

  app.get<{ Querystring: PageQuery }>(
    '/contacts',
    {
      config: readers,
      schema: {
        tags,
        summary: 'List contacts',
        querystring: pageQuerySchema(['createdAt', 'name'], '-createdAt'),
        response: { 200: pageSchema(contactSummarySchema), ...errorResponses },
      },
    },
    async (request) =>
      await paginate(Contact, { workspaceId: staff(request).workspaceId }, request.query, toWireContact),
  );

  app.get<{ Params: IdParams }>(
    '/contacts/:id',
    {
      config: readers,
      schema: {
        tags,
        summary: 'One contact',
        params: idParamsSchema,
        response: { 200: contactSummarySchema, ...errorResponses },
      },
    },
    async (request) => {
      const contact = await Contact.findOne({
        _id: request.params.id,
        workspaceId: staff(request).workspaceId,
      }).lean();
      if (!contact) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such contact', 'params/id');
      return toWireContact(contact);
    },
  );
};

function toWireContact(c: {
  _id: unknown;
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  tags?: string[] | null;
  createdAt: Date;
}): ContactSummary {
  return {
    id: String(c._id),
    ...(c.name ? { name: c.name } : {}),
    ...(c.email ? { email: c.email } : {}),
    ...(c.phone ? { phone: c.phone } : {}),
    tags: c.tags ?? [],
    createdAt: new Date(c.createdAt).toISOString(),
  };
}

export default contactRoutes;
