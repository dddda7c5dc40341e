import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import {
  apiMessageAcceptedSchema,
  apiMessageBodySchema,
  errorResponses,
  type ApiMessageBody,
} from '@kefu/schemas/api';
import { KefuError } from '../../errors';
import { hashSecret, safeEqual } from '../../auth/tokens';
import { parseApiKey } from './api-keys';
import { contactFor } from '../../channels/contact-for';

/**
 * The API channel in: a shop's own system (app, CRM, marketplace bridge) sends its customers'
 * messages with an API key. Stored like a widget message, then handed to the conversation's run;
 * replies go back through the workspace's webhooks (app.outbound).
 */
const apiMessageRoutes: FastifyPluginAsync = async (app) => {
  const { ApiKey } = app.models;

  /** The key's workspace, or 401 naming the header. Runs after body validation (preHandler). */
  async function workspaceOfKey(request: FastifyRequest): Promise<string> {
    const header = request.headers.authorization ?? '';
    const parsed = parseApiKey(header.replace(/^Bearer\s+/i, ''));
    const refused = new KefuError('KEFU_ERR_UNAUTHORIZED', 'A valid API key is needed: Authorization: Bearer <key>', 'headers/authorization');
    if (!parsed) throw refused;
    const key = await ApiKey.findOne({ _id: parsed.keyId, workspaceId: parsed.workspaceId }, { secretHash: 1, revokedAt: 1 }).lean();
    if (!key || key.revokedAt || !safeEqual(key.secretHash, hashSecret(parsed.secret))) throw refused;
    return parsed.workspaceId;
  }

  app.post<{ Body: ApiMessageBody }>(
    '/channels/api/messages',
    {
      // Public at the door; the API key is checked below, after the body is validated.
      config: { roles: 'public', rateLimit: { max: 600, timeWindow: '1 minute' } },
      schema: {
        tags: ['channels'],
        summary: "Send a customer's message in by the API channel",
        description:
          'Authenticated by an API key (`Authorization: Bearer <key>`). The contact is found or created by `externalContactId`; the message joins their open API conversation (or opens one, starting the conversation-started flow). A retry with the same `idempotencyKey` is stored once. Replies are POSTed to the workspace\'s webhook endpoints.',
        body: apiMessageBodySchema,
        response: { 201: apiMessageAcceptedSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const workspaceId = await workspaceOfKey(request);
      const { externalContactId, text, idempotencyKey, name, email } = request.body;
      const contactId = await contactFor(app.models, workspaceId, `api:${externalContactId}`, {
        set: { ...(name ? { name } : {}), ...(email ? { email } : {}) },
      });
      const session = await app.conversations.openForContact({
        workspaceId,
        contactId,
        channel: 'api',
        resume: true,
      });
      const message = await app.conversations.receiveFromCustomer(session, `api-${idempotencyKey}`, text);
      return reply.status(201).send({ conversationId: session.conversationId, message });
    },
  );
};

export default apiMessageRoutes;
