import type { FastifyPluginAsync } from 'fastify';
import {
  emptySchema,
  errorResponses,
  loginBodySchema,
  meSchema,
  passwordChangeBodySchema,
  signUpBodySchema,
  type LoginBody,
  type PasswordChangeBody,
  type SignUpBody,
} from '@kefu/schemas/api';
import { ANY_STAFF, staff } from '../../plugins/app/access';
import { clearSessionCookie, setSessionCookie } from './session-cookie';

/** Sign-up, sign-in, sign-out and the signed-in user's own account. */
const accountRoutes: FastifyPluginAsync<{ authPerMinute: number }> = async (app, opts) => {
  const authRateLimit = { max: opts.authPerMinute, timeWindow: '1 minute' };
  const tags = ['accounts'];

  app.post<{ Body: SignUpBody }>(
    '/signup',
    {
      config: { roles: 'public', rateLimit: authRateLimit },
      schema: {
        tags,
        summary: 'Create a workspace and its owner, and sign the owner in',
        body: signUpBodySchema,
        response: { 201: meSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { me, session } = await app.accounts.signUp(request.body, request.headers['user-agent']);
      setSessionCookie(reply, session);
      return reply.status(201).send(me);
    },
  );

  app.post<{ Body: LoginBody }>(
    '/session',
    {
      config: { roles: 'public', rateLimit: authRateLimit },
      schema: {
        tags,
        summary: 'Sign in with email and password',
        description:
          'Sets the httpOnly session cookie. Repeated failures lock the account for a growing time.',
        body: loginBodySchema,
        response: { 200: meSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { me, session } = await app.accounts.login(request.body, request.headers['user-agent']);
      setSessionCookie(reply, session);
      return me;
    },
  );

  app.get(
    '/session',
    {
      config: { roles: ANY_STAFF },
      schema: {
        tags,
        summary: 'Who is signed in, and in which workspace',
        querystring: emptySchema,
        response: { 200: meSchema, ...errorResponses },
      },
    },
    async (request) => await app.accounts.me(staff(request)),
  );

  app.delete(
    '/session',
    {
      config: { roles: ANY_STAFF },
      schema: {
        tags,
        summary: 'Sign out',
        querystring: emptySchema,
        response: { 204: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const auth = staff(request);
      await app.accounts.logout(auth);
      await app.agentHub.recheck(auth.workspaceId, { sessionId: auth.sessionId });
      clearSessionCookie(reply);
      return reply.status(204).send();
    },
  );

  app.post<{ Body: PasswordChangeBody }>(
    '/session/password',
    {
      config: { roles: ANY_STAFF, rateLimit: authRateLimit },
      schema: {
        tags,
        summary: 'Change your password; signs out your other sessions',
        body: passwordChangeBodySchema,
        response: { 204: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const auth = staff(request);
      await app.accounts.changePassword(auth, request.body.currentPassword, request.body.newPassword);
      // The user's other sessions ended: so do their sockets.
      await app.agentHub.recheck(auth.workspaceId, { userId: auth.userId });
      return reply.status(204).send();
    },
  );
};

export default accountRoutes;
