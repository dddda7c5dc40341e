import type { FastifyReply } from 'fastify';
import { SESSION_COOKIE } from '../../plugins/app/access';
import type { IssuedSession } from '../../plugins/app/accounts';

/** httpOnly (no script reads it), signed, same-site only, Secure whenever the request came over https. */
export function setSessionCookie(reply: FastifyReply, session: IssuedSession): void {
  reply.setCookie(SESSION_COOKIE, session.token, {
    signed: true,
    httpOnly: true,
    sameSite: 'strict',
    secure: 'auto',
    path: '/',
    expires: session.expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
