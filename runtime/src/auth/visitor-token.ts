import { createHmac } from 'node:crypto';
import { safeEqual } from './tokens';

export interface VisitorClaims {
  workspaceId: string;
  contactId: string;
}

/**
 * A widget visitor's token: bound to one workspace and one contact (and the browser's visitorId,
 * which is signed but not carried). Stateless, so every API process can check it.
 */
export function signVisitorToken(key: Buffer, claims: VisitorClaims, visitorId: string): string {
  const body = `v1.${claims.workspaceId}.${claims.contactId}`;
  return `${body}.${mac(key, body, visitorId)}`;
}

export function verifyVisitorToken(key: Buffer, token: string, visitorId: string): VisitorClaims | null {
  const match = /^v1\.([0-9a-f]{24})\.([0-9a-f]{24})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const body = `v1.${match[1]}.${match[2]}`;
  if (!safeEqual(match[3]!, mac(key, body, visitorId))) return null;
  return { workspaceId: match[1]!, contactId: match[2]! };
}

function mac(key: Buffer, body: string, visitorId: string): string {
  return createHmac('sha256', key).update(`${body}|${visitorId}`).digest('base64url');
}
