import { describe, expect, it } from 'vitest';
import { deriveKey, parseScopedToken, scopedToken, newSecret } from './tokens';
import { signVisitorToken, verifyVisitorToken } from './visitor-token';

const key = deriveKey('s'.repeat(32), 'visitor');
const claims = { workspaceId: 'a'.repeat(24), contactId: 'b'.repeat(24) };

describe('visitor tokens', () => {
  it('verify for the visitor they were issued to', () => {
    const token = signVisitorToken(key, claims, 'visitor-1234');
    expect(verifyVisitorToken(key, token, 'visitor-1234')).toEqual(claims);
  });
  it('do not verify for another visitor, another key, or when altered', () => {
    const token = signVisitorToken(key, claims, 'visitor-1234');
    expect(verifyVisitorToken(key, token, 'visitor-9999')).toBeNull();
    expect(verifyVisitorToken(deriveKey('s'.repeat(32), 'cookie'), token, 'visitor-1234')).toBeNull();
    const otherWorkspace = token.replace('a'.repeat(24), 'c'.repeat(24));
    expect(verifyVisitorToken(key, otherWorkspace, 'visitor-1234')).toBeNull();
    expect(verifyVisitorToken(key, 'garbage', 'visitor-1234')).toBeNull();
  });
});

describe('scoped tokens', () => {
  it('round-trip and refuse malformed input', () => {
    const secret = newSecret();
    expect(parseScopedToken(scopedToken('a'.repeat(24), secret))).toEqual({ workspaceId: 'a'.repeat(24), secret });
    expect(parseScopedToken(`x.${secret}`)).toBeNull();
    expect(parseScopedToken('a'.repeat(24))).toBeNull();
  });
});
