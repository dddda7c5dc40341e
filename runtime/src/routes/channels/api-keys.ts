import type { FastifyPluginAsync } from 'fastify';
import {
  apiKeyCreateSchema,
  apiKeyCreatedSchema,
  apiKeyListSchema,
  apiKeySchema,
  errorResponses,
  idParamsSchema,
  type ApiKeyCreate,
  type ApiKeyWire,
  type IdParams,
} from '@kefu/schemas/api';
import { Types } from 'mongoose';
import { KefuError } from '../../errors';
import { staff } from '../../plugins/app/access';
import { hashSecret, newSecret } from '../../auth/tokens';
import type { ApiKeyDoc } from '../../models/api-key';

/** Owners create and revoke the keys their own systems call the API channel with. */
const apiKeyRoutes: FastifyPluginAsync = async (app) => {
  const { ApiKey } = app.models;
  const tags = ['channels'];
  const owners = { roles: ['owner'] as const };

  app.get(
    '/channels/api/keys',
    {
      config: owners,
      schema: { tags, summary: 'List API keys (revoked ones too)', response: { 200: apiKeyListSchema, ...errorResponses } },
    },
    async (request) => {
      const keys = await ApiKey.find({ workspaceId: staff(request).workspaceId }).sort({ createdAt: -1 }).limit(200).lean();
      return { items: keys.map(toWireApiKey) };
    },
  );

  app.post<{ Body: ApiKeyCreate }>(
    '/channels/api/keys',
    {
      config: owners,
      schema: {
        tags,
        summary: 'Create an API key',
        description: 'The key is in the answer only: Kefu keeps its hash. Send it as `Authorization: Bearer <key>`.',
        body: apiKeyCreateSchema,
        response: { 201: apiKeyCreatedSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const auth = staff(request);
      const _id = new Types.ObjectId();
      const secret = newSecret();
      const key = formatApiKey(auth.workspaceId, String(_id), secret);
      const doc = await ApiKey.create({
        _id,
        workspaceId: auth.workspaceId,
        name: request.body.name,
        secretHash: hashSecret(secret),
        prefix: key.slice(0, 16),
        createdBy: auth.userId,
      });
      const apiKey = toWireApiKey(doc.toObject());
      await app.audit.record(auth, {
        action: 'apiKey.create',
        targetType: 'apiKey',
        targetId: apiKey.id,
        after: { name: apiKey.name, prefix: apiKey.prefix },
      });
      return reply.status(201).send({ apiKey, key });
    },
  );

  app.delete<{ Params: IdParams }>(
    '/channels/api/keys/:id',
    {
      config: owners,
      schema: {
        tags,
        summary: 'Revoke an API key',
        description: 'Calls with it are refused (401) from now on.',
        params: idParamsSchema,
        response: { 200: apiKeySchema, ...errorResponses },
      },
    },
    async (request) => {
      const auth = staff(request);
      const scope = { _id: request.params.id, workspaceId: auth.workspaceId };
      // Revoking twice keeps the first time (FerretDB 1.x has no pipeline updates for $ifNull).
      await ApiKey.updateOne({ ...scope, revokedAt: { $exists: false } }, { $set: { revokedAt: new Date() } });
      const doc = await ApiKey.findOne(scope).lean();
      if (!doc) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such API key', 'params/id');
      await app.audit.record(auth, {
        action: 'apiKey.revoke',
        targetType: 'apiKey',
        targetId: String(doc._id),
        before: { revoked: false },
        after: { revoked: true },
      });
      return toWireApiKey(doc);
    },
  );
};

export default apiKeyRoutes;

/** `kefu_<workspaceId>.<keyId>.<secret>`: the workspace and key ids make the lookup scoped and by _id. */
export function formatApiKey(workspaceId: string, keyId: string, secret: string): string {
  return `kefu_${workspaceId}.${keyId}.${secret}`;
}

export function parseApiKey(key: string): { workspaceId: string; keyId: string; secret: string } | null {
  const match = /^kefu_([0-9a-f]{24})\.([0-9a-f]{24})\.([A-Za-z0-9_-]{20,100})$/.exec(key);
  return match ? { workspaceId: match[1]!, keyId: match[2]!, secret: match[3]! } : null;
}

function toWireApiKey(doc: ApiKeyDoc & { _id: unknown }): ApiKeyWire {
  return {
    id: String(doc._id),
    name: doc.name,
    prefix: doc.prefix,
    createdAt: new Date(doc.createdAt).toISOString(),
    ...(doc.revokedAt ? { revokedAt: new Date(doc.revokedAt).toISOString() } : {}),
    ...(doc.lastUsedAt ? { lastUsedAt: new Date(doc.lastUsedAt).toISOString() } : {}),
  };
}
