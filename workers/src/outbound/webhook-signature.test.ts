import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from './webhook-signature';

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"type":"message.created","text":"你好"}';
  const now = 1_800_000_000;

  it('is v1= and the hex HMAC-SHA256 of "<timestamp>.<body>", as a receiver would compute it', () => {
    const expected = createHmac('sha256', secret).update(`${now}.${body}`, 'utf8').digest('hex');
    expect(signWebhook(secret, now, body)).toBe(`v1=${expected}`);
  });

  it('verifies its own signature', () => {
    const signature = signWebhook(secret, now, body);
    expect(verifyWebhookSignature(secret, { timestamp: String(now), signature }, body, now + 10)).toBe(true);
  });

  it.each([
    ['another secret', 'whsec_other', body, String(now)],
    ['a changed body', secret, body.replace('你好', 'hi'), String(now)],
    ['a replayed request with a new timestamp', secret, body, String(now + 60)],
  ])('refuses %s', (_what, verifySecret, verifyBody, timestamp) => {
    const signature = signWebhook(secret, now, body);
    expect(verifyWebhookSignature(verifySecret, { timestamp, signature }, verifyBody, now)).toBe(false);
  });

  it('refuses a stale timestamp, a missing signature and a garbage timestamp', () => {
    const signature = signWebhook(secret, now, body);
    expect(verifyWebhookSignature(secret, { timestamp: String(now), signature }, body, now + 301)).toBe(
      false,
    );
    expect(verifyWebhookSignature(secret, { timestamp: String(now), signature: undefined }, body, now)).toBe(
      false,
    );
    expect(verifyWebhookSignature(secret, { timestamp: 'soon', signature }, body, now)).toBe(false);
  });
});
