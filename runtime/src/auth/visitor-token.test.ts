import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveKey, parseScopedToken, scopedToken, newSecret } from './tokens';
import { signVisitorToken, verifyVisitorToken } from './visitor-token';

const key = deriveKey('s'.repeat(32), 'visitor');
const claims = { workspaceId: 'a'.repeat(24), contactId: 'b'.repeat(24) };
const now = Date.parse('2026-12-01T00:00:00Z');
const tomorrow = new Date(now + 86_400_000);

describe('visitor tokens', () => {
  it('verify for the visitor they were issued to until they expire', () => {
    const token = signVisitorToken(key, claims, 'visitor-1234', tomorrow);
    expect(token).toMatch(/^v2\./);
    expect(verifyVisitorToken(key, token, 'visitor-1234', now)).toEqual({ ok: true, claims, legacy: false });
    expect(verifyVisitorToken(key, token, 'visitor-1234', tomorrow.getTime())).toEqual({
      ok: false,
      reason: 'expired',
    });
  });
  it('do not verify for another visitor, another key, or when altered', () => {
    const token = signVisitorToken(key, claims, 'visitor-1234', tomorrow);
    const forged = { ok: false, reason: 'forged' };
    expect(verifyVisitorToken(key, token, 'visitor-9999', now)).toEqual(forged);
    expect(verifyVisitorToken(deriveKey('s'.repeat(32), 'cookie'), token, 'visitor-1234', now)).toEqual(
      forged,
    );
    expect(
      verifyVisitorToken(key, token.replace('a'.repeat(24), 'c'.repeat(24)), 'visitor-1234', now),
    ).toEqual(forged);
    // A later expiry written in by hand is not signed.
    const [v, ws, contact, exp, mac] = token.split('.');
    const extended = [v, ws, contact, String(Number(exp) + 86_400 * 365), mac].join('.');
    expect(verifyVisitorToken(key, extended, 'visitor-1234', now)).toEqual(forged);
    for (const bad of ['garbage', [v, ws, contact, mac].join('.'), `v1.${ws}.${contact}.${exp}.${mac}`])
      expect(verifyVisitorToken(key, bad, 'visitor-1234', now)).toEqual({ ok: false, reason: 'malformed' });
  });
  it('accept a v1 token (no expiry) as legacy, so the caller can limit what it resumes', () => {
    const body = `v1.${claims.workspaceId}.${claims.contactId}`;
    const v1 = `${body}.${createHmac('sha256', key).update(`${body}|visitor-1234`).digest('base64url')}`;
    expect(verifyVisitorToken(key, v1, 'visitor-1234', now)).toEqual({ ok: true, claims, legacy: true });
    expect(verifyVisitorToken(key, v1, 'visitor-9999', now)).toEqual({ ok: false, reason: 'forged' });
  });
});

describe('scoped tokens', () => {
  it('round-trip and refuse malformed input', () => {
    const secret = newSecret();
    expect(parseScopedToken(scopedToken('a'.repeat(24), secret))).toEqual({
      workspaceId: 'a'.repeat(24),
      secret,
    });
    expect(parseScopedToken(`x.${secret}`)).toBeNull();
    expect(parseScopedToken('a'.repeat(24))).toBeNull();
  });
});
