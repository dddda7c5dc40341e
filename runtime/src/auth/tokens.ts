import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits, URL-safe. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps of a secret: enough to recognise it, useless to an attacker who reads it. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * A bearer token that names its workspace: `<workspaceId>.<secret>`. The workspace part lets every
 * lookup be tenant-scoped; the secret part is what proves possession.
 */
export function scopedToken(workspaceId: string, secret: string): string {
  return `${workspaceId}.${secret}`;
}

export function parseScopedToken(token: string): { workspaceId: string; secret: string } | null {
  const match = /^([0-9a-f]{24})\.([A-Za-z0-9_-]{20,100})$/.exec(token);
  return match ? { workspaceId: match[1]!, secret: match[2]! } : null;
}

/** A key for one purpose derived from the app secret, so a cookie signature never verifies as a visitor token. */
export function deriveKey(secret: string, purpose: string): Buffer {
  return createHmac('sha256', secret).update(`kefu:${purpose}`).digest();
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
