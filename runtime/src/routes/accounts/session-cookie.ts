import type { FastifyReply } from 'fastify';
import { SESSION_COOKIE } from '../../plugins/app/access';
import type { IssuedSession } from '../../plugins/app/accounts';

/**
 * httpOnly (no script reads it), signed, same-site only, and Secure whenever the client used https:
 * 'auto' reads request.protocol, which is https on a TLS socket and, with KEFU_TRUST_PROXY=true
 * (Fastify's trustProxy), whatever the proxy's X-Forwarded-Proto says. Plain http (npm start on
 * localhost) gets no Secure, or the browser would drop the cookie; a client's own
 * X-Forwarded-Proto counts only when the proxy is trusted.
 */
const ATTRIBUTES = { httpOnly: true, sameSite: 'strict', secure: 'auto', path: '/' } as const;

export function setSessionCookie(reply: FastifyReply, session: IssuedSession): void {
  reply.setCookie(SESSION_COOKIE, session.token, { ...ATTRIBUTES, signed: true, expires: session.expiresAt });
}

/** Cleared with the attributes it was set with, so the browser replaces the same cookie. */
export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, ATTRIBUTES);
}
