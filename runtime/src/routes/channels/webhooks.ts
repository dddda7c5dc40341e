import type { FastifyPluginAsync } from 'fastify';
import {
  errorResponses,
  idParamsSchema,
  webhookCreateSchema,
  webhookCreatedSchema,
  webhookListSchema,
  type IdParams,
  type WebhookCreate,
  type WebhookWire,
} from '@kefu/schemas/api';
import { isBlockedHost, isLoopbackHost } from '@kefu/nodes';
import { KefuError } from '../../errors';
import { staff } from '../../plugins/app/access';
import { newSecret } from '../../auth/tokens';
import type { WebhookEndpointDoc } from '../../models/webhook-endpoint';

/** Owners register where replies in API-channel conversations are POSTed (signed). */
const webhookRoutes: FastifyPluginAsync<{ allowLoopback: boolean }> = async (app, opts) => {
  const { WebhookEndpoint } = app.models;
  const tags = ['channels'];
  const owners = { roles: ['owner'] as const };

  app.get(
    '/channels/api/webhooks',
    {
      config: owners,
      schema: {
        tags,
        summary: 'List webhook endpoints',
        response: { 200: webhookListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const items = await WebhookEndpoint.find({ workspaceId: staff(request).workspaceId })
        .sort({ createdAt: 1 })
        .limit(100)
        .lean();
      return { items: items.filter((e) => !e.disabledAt).map(toWireWebhook) };
    },
  );

  app.post<{ Body: WebhookCreate }>(
    '/channels/api/webhooks',
    {
      config: owners,
      schema: {
        tags,
        summary: 'Register a webhook endpoint',
        description:
          'Replies and events of API-channel conversations are POSTed to it as JSON, signed with the secret in the answer (shown once), retried with backoff until it answers 2xx.',
        body: webhookCreateSchema,
        response: { 201: webhookCreatedSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const auth = staff(request);
      let url: URL;
      try {
        url = new URL(request.body.url);
      } catch {
        throw new KefuError('KEFU_ERR_VALIDATION', 'Not a URL', 'body/url');
      }
      // Caught here for a clear answer; the delivery checks the address it really connects to as well.
      if (isBlockedHost(url.hostname) && !(opts.allowLoopback && isLoopbackHost(url.hostname)))
        throw new KefuError(
          'KEFU_ERR_VALIDATION',
          'Private and loopback addresses are not allowed',
          'body/url',
        );
      if (url.username || url.password)
        throw new KefuError(
          'KEFU_ERR_VALIDATION',
          'Put no credentials in the URL; verify the signature instead',
          'body/url',
        );
      const secret = `whsec_${newSecret()}`;
      const doc = await WebhookEndpoint.create({
        workspaceId: auth.workspaceId,
        url: url.toString(),
        secret,
        ...(request.body.description ? { description: request.body.description } : {}),
        createdBy: auth.userId,
      });
      const webhook = toWireWebhook(doc.toObject());
      await app.audit.record(auth, {
        action: 'webhook.create',
        targetType: 'webhook',
        targetId: webhook.id,
        after: { url: webhook.url },
      });
      return reply.status(201).send({ webhook, secret });
    },
  );

  app.delete<{ Params: IdParams }>(
    '/channels/api/webhooks/:id',
    {
      config: owners,
      schema: {
        tags,
        summary: 'Remove a webhook endpoint',
        description: 'Deliveries still being retried to it stop.',
        params: idParamsSchema,
        response: { 204: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const auth = staff(request);
      const scope = { _id: request.params.id, workspaceId: auth.workspaceId };
      const doc = await WebhookEndpoint.findOne(scope).lean();
      if (!doc || doc.disabledAt)
        throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such webhook endpoint', 'params/id');
      // Kept, disabled: a delivery in flight reads it and stops instead of failing on a missing id.
      await WebhookEndpoint.updateOne(scope, { $set: { disabledAt: new Date() } });
      await app.audit.record(auth, {
        action: 'webhook.delete',
        targetType: 'webhook',
        targetId: String(doc._id),
        before: { url: doc.url },
        after: null,
      });
      return reply.status(204).send();
    },
  );
};

export default webhookRoutes;

function toWireWebhook(doc: WebhookEndpointDoc & { _id: unknown }): WebhookWire {
  return {
    id: String(doc._id),
    url: doc.url,
    ...(doc.description ? { description: doc.description } : {}),
    createdAt: new Date(doc.createdAt).toISOString(),
  };
}
