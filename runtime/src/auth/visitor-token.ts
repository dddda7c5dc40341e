import { createHmac } from 'node:crypto';
import { safeEqual } from './tokens';

export interface VisitorClaims {
  workspaceId: string;
  contactId: string;
}

/** What a presented token proves, or why it proves nothing. */
export type VisitorTokenCheck =
  | {
      ok: true;
      claims: VisitorClaims;
      /**
       * A v1 token (issued before tokens expired): it resumes only a conversation still live, so a
       * chat open across the upgrade carries on and no v1 token stays a lasting credential.
       */
      legacy: boolean;
    }
  | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

/**
 * A widget visitor's token: bound to one workspace and one contact (and the browser's visitorId,
 * which is signed but not carried), valid until `expiresAt`. Stateless, so every API process can
 * check it; a renewed token does not revoke the one it replaces, which lapses at its own expiry.
 */
export function signVisitorToken(
  key: Buffer,
  claims: VisitorClaims,
  visitorId: string,
  expiresAt: Date,
): string {
  const body = `v2.${claims.workspaceId}.${claims.contactId}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${body}.${mac(key, body, visitorId)}`;
}

export function verifyVisitorToken(
  key: Buffer,
  token: string,
  visitorId: string,
  now = Date.now(),
): VisitorTokenCheck {
  const match = /^(v1|v2)\.([0-9a-f]{24})\.([0-9a-f]{24})(?:\.(\d{1,12}))?\.([A-Za-z0-9_-]{43})$/.exec(token);
  // v1 has no expiry and v2 must have one.
  if (!match || (match[1] === 'v2') !== (match[4] !== undefined)) return { ok: false, reason: 'malformed' };
  const [, version, workspaceId, contactId, expires, signature] = match as unknown as [
    string,
    string,
    string,
    string,
    string | undefined,
    string,
  ];
  const body = `${version}.${workspaceId}.${contactId}${expires === undefined ? '' : `.${expires}`}`;
  if (!safeEqual(signature, mac(key, body, visitorId))) return { ok: false, reason: 'forged' };
  if (expires !== undefined && Number(expires) * 1000 <= now) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { workspaceId, contactId }, legacy: version === 'v1' };
}

function mac(key: Buffer, body: string, visitorId: string): string {
  return createHmac('sha256', key).update(`${body}|${visitorId}`).digest('base64url');
}
