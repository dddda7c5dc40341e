import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Payload } from '@temporalio/common';
import { errorResponses } from '@kefu/schemas/api';
import { KefuError } from '../../errors';
import { safeEqual } from '../../auth/tokens';
import { SESSION_COOKIE } from '../../plugins/app/access';
import type { StaffAuth } from '../../plugins/app/accounts';
import { PayloadDecryptError } from '../../privacy/temporal-codec';
import { workspacesNamed } from './payload-workspaces';

/**
 * Temporal's remote codec protocol, so an operator reads run histories in the Temporal UI
 * (`temporal server start-dev --ui-codec-endpoint http://…/temporal-codec`) or the CLI
 * (`temporal workflow show --codec-endpoint … --codec-auth 'Bearer …'`). Only a workspace owner's
 * session or the configured codec token may call it; every decode is written to the audit log.
 */

const base64 = { type: 'string', maxLength: 8 * 1024 * 1024, pattern: '^[A-Za-z0-9+/_-]*={0,2}$' } as const;
const payloadsBody = {
  type: 'object',
  required: ['payloads'],
  additionalProperties: false,
  properties: {
    payloads: {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          metadata: {
            type: 'object',
            maxProperties: 32,
            propertyNames: { maxLength: 256 },
            additionalProperties: base64,
          },
          data: base64,
        },
      },
    },
  },
} as const;
const headers = {
  type: 'object',
  properties: {
    'x-namespace': { type: 'string', maxLength: 256, description: 'The namespace the payloads come from' },
    authorization: { type: 'string', maxLength: 512 },
  },
} as const;

interface WirePayload {
  metadata?: Record<string, string>;
  data?: string;
}
interface PayloadsBody {
  payloads: WirePayload[];
}

/** Who called: the codec token (an operator of the deployment) or an owner of one workspace. */
type Caller = { kind: 'token' } | { kind: 'owner'; auth: StaffAuth };

/** Audit entries of token decodes have no user behind them; this id says so. */
const OPERATOR_ID = '000000000000000000000000';

const temporalCodecRoutes: FastifyPluginAsync<{ token?: string }> = async (app, opts) => {
  const tags = ['temporal'];
  // Histories carry whole messages and reports: a larger body than the API's default 1 MiB.
  const bodyLimit = 16 * 1024 * 1024;

  async function caller(request: FastifyRequest): Promise<Caller> {
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (bearer !== undefined && opts.token && safeEqual(bearer, opts.token)) return { kind: 'token' };
    // Any other bearer may be the Temporal UI's own access token (its "pass access token" setting):
    // the owner's session cookie decides then.
    const raw = request.cookies[SESSION_COOKIE];
    const unsigned = raw ? request.unsignCookie(raw) : null;
    const auth = unsigned?.valid && unsigned.value ? await app.accounts.authenticate(unsigned.value) : null;
    if (!auth)
      throw new KefuError(
        'KEFU_ERR_UNAUTHORIZED',
        'Sign in to the console as an owner, or send the codec token (KEFU_TEMPORAL_CODEC_TOKEN)',
        'headers/authorization',
      );
    if (!auth.roles.includes('owner'))
      throw new KefuError('KEFU_ERR_FORBIDDEN', 'Only owners may read run payloads');
    return { kind: 'owner', auth };
  }

  app.post<{ Body: PayloadsBody }>(
    '/temporal-codec/decode',
    {
      bodyLimit,
      config: { roles: 'public' },
      schema: {
        tags,
        summary: 'Decrypt Temporal payloads (remote codec protocol)',
        description:
          "For the Temporal UI and CLI. Needs an owner's session or `Authorization: Bearer <KEFU_TEMPORAL_CODEC_TOKEN>`. " +
          'Payloads not encrypted by Kefu come back unchanged. Each call is written to the audit log.',
        headers,
        body: payloadsBody,
        response: { 200: payloadsBody, ...errorResponses },
      },
    },
    async (request) => {
      const who = await caller(request);
      const decoded = request.body.payloads.map((wire, i) => {
        try {
          return app.temporalCodec.decrypt(fromWire(wire));
        } catch (err) {
          if (err instanceof PayloadDecryptError)
            throw new KefuError(
              'KEFU_ERR_UNDECRYPTABLE',
              `payloads/${i}: ${err.message}`,
              `body/payloads/${i}`,
            );
          throw err;
        }
      });
      const named = workspacesNamed(decoded);
      // An owner reads the runs of their own workspace only: a payload naming another is refused.
      if (who.kind === 'owner' && [...named].some((id) => id !== who.auth.workspaceId))
        throw new KefuError('KEFU_ERR_FORBIDDEN', "These payloads belong to another workspace's runs");
      const namespace = request.headers['x-namespace'] ?? app.temporal.options.namespace;
      const change = {
        action: 'temporal.payloads.decode',
        targetType: 'temporal-namespace',
        targetId: String(namespace),
        after: { payloads: decoded.length, via: who.kind === 'token' ? 'codec token' : 'owner session' },
      };
      if (who.kind === 'owner') await app.audit.record(who.auth, change);
      else {
        for (const workspaceId of named)
          await app.audit.record(
            {
              userId: OPERATOR_ID,
              workspaceId,
              email: 'operator (codec token)',
              roles: [],
              seesPersonalData: false,
              sessionId: '',
            },
            change,
          );
        // Payloads naming no workspace (a signal's text) have no audit log to go to: the API's log has them.
        request.log.info(
          { namespace, payloads: decoded.length, workspaces: [...named] },
          'codec token decode',
        );
      }
      return { payloads: decoded.map(toWire) };
    },
  );

  app.post<{ Body: PayloadsBody }>(
    '/temporal-codec/encode',
    {
      bodyLimit,
      config: { roles: 'public' },
      schema: {
        tags,
        summary: 'Encrypt Temporal payloads (remote codec protocol)',
        description:
          'What the Temporal UI sends when an operator signals or starts a workflow from it. Same callers as decode.',
        headers,
        body: payloadsBody,
        response: { 200: payloadsBody, ...errorResponses },
      },
    },
    async (request) => {
      await caller(request);
      return { payloads: request.body.payloads.map((p) => toWire(app.temporalCodec.encrypt(fromWire(p)))) };
    },
  );
};

function fromWire(wire: WirePayload): Payload {
  return {
    metadata: Object.fromEntries(
      Object.entries(wire.metadata ?? {}).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))]),
    ),
    data: new Uint8Array(Buffer.from(wire.data ?? '', 'base64')),
  };
}

function toWire(payload: Payload): Required<WirePayload> {
  return {
    metadata: Object.fromEntries(
      Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')]),
    ),
    data: Buffer.from(payload.data ?? []).toString('base64'),
  };
}

export default temporalCodecRoutes;
