import type { FastifyPluginAsync } from 'fastify';
import {
  acceptInviteBodySchema,
  createdInviteSchema,
  errorResponses,
  idParamsSchema,
  inviteBodySchema,
  invitePreviewQuerySchema,
  invitePreviewSchema,
  inviteSchema,
  meSchema,
  pageQuerySchema,
  pageSchema,
  type AcceptInviteBody,
  type IdParams,
  type InviteBody,
  type InvitePreviewQuery,
  type PageQuery,
} from '@kefu/schemas/api';
import { KefuError } from '../../errors';
import { staff } from '../../plugins/app/access';
import { toWireInvite } from '../../plugins/app/invites';
import { paginate } from '../../paginate';
import { setSessionCookie } from '../accounts/session-cookie';

/** Owners invite people by email link; the invitee accepts with a name and a password. */
const inviteRoutes: FastifyPluginAsync<{ publicUrl?: string; authPerMinute: number }> = async (app, opts) => {
  const { Invite } = app.models;
  const tags = ['invites'];
  const owners = { roles: ['owner'] as const };

  app.post<{ Body: InviteBody }>(
    '/invites',
    {
      config: owners,
      schema: {
        tags,
        summary: 'Invite someone by email, with the roles they will hold',
        description:
          'The link expires in 7 days and works once. Until a mail channel exists it is logged and returned.',
        body: inviteBodySchema,
        response: { 201: createdInviteSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const auth = staff(request);
      // The link must not come from the Host header (a forged Host would send invitees elsewhere)
      // unless no public URL is configured, as in tests and local runs.
      const baseUrl = opts.publicUrl ?? `${request.protocol}://${request.host}`;
      const created = await app.invites.create(auth, request.body, baseUrl);
      await app.audit.record(auth, {
        action: 'invite.create',
        targetType: 'invite',
        targetId: created.invite.id,
        before: null,
        after: { email: created.invite.email, roles: created.invite.roles },
      });
      return reply.status(201).send(created);
    },
  );

  app.get<{ Querystring: PageQuery }>(
    '/invites',
    {
      config: owners,
      schema: {
        tags,
        summary: 'List invites (pending, accepted, expired)',
        querystring: pageQuerySchema(['createdAt', 'email'], '-createdAt'),
        response: { 200: pageSchema(inviteSchema), ...errorResponses },
      },
    },
    async (request) =>
      await paginate(Invite, { workspaceId: staff(request).workspaceId }, request.query, toWireInvite),
  );

  app.delete<{ Params: IdParams }>(
    '/invites/:id',
    {
      config: owners,
      schema: {
        tags,
        summary: 'Revoke an invite',
        params: idParamsSchema,
        response: { 204: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const auth = staff(request);
      const invite = await Invite.findOneAndDelete({
        _id: request.params.id,
        workspaceId: auth.workspaceId,
      }).lean();
      if (!invite) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such invite', 'params/id');
      await app.audit.record(auth, {
        action: 'invite.revoke',
        targetType: 'invite',
        targetId: String(invite._id),
        before: { email: invite.email, roles: invite.roles },
        after: null,
      });
      return reply.status(204).send();
    },
  );

  app.get<{ Querystring: InvitePreviewQuery }>(
    '/invites/preview',
    {
      config: { roles: 'public', rateLimit: { max: opts.authPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'What an invite link is for, before accepting it',
        description:
          'The email, roles and workspace of a pending invite. A used link answers 410 KEFU_ERR_INVITE_USED, ' +
          'an expired one 410 KEFU_ERR_INVITE_EXPIRED, anything else 400 KEFU_ERR_INVITE_INVALID.',
        querystring: invitePreviewQuerySchema,
        response: { 200: invitePreviewSchema, ...errorResponses },
      },
    },
    async (request) => await app.invites.preview(request.query.token),
  );

  app.post<{ Body: AcceptInviteBody }>(
    '/invites/accept',
    {
      config: { roles: 'public', rateLimit: { max: opts.authPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Accept an invite: create your account and sign in',
        body: acceptInviteBodySchema,
        response: { 201: meSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { me, session } = await app.invites.accept(request.body, request.headers['user-agent']);
      // The newcomer is the actor: the log shows who joined, with which roles, next to who invited them.
      await app.audit.record(
        {
          userId: me.user.id,
          workspaceId: me.workspace.id,
          email: me.user.email,
          roles: me.user.roles,
          seesPersonalData: me.user.viewPersonalData,
          sessionId: '',
        },
        {
          action: 'user.join',
          targetType: 'user',
          targetId: me.user.id,
          before: null,
          after: { email: me.user.email, roles: me.user.roles },
        },
      );
      setSessionCookie(reply, session);
      return reply.status(201).send(me);
    },
  );
};

export default inviteRoutes;
