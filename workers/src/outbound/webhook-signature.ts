import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers every webhook delivery carries; receivers verify with verifyWebhookSignature. */
export const WEBHOOK_HEADERS = {
  signature: 'x-kefu-signature',
  timestamp: 'x-kefu-timestamp',
  /** The same for every retry of one delivery: receivers drop repeats by it. */
  delivery: 'x-kefu-delivery',
} as const;

/**
 * `v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`. The timestamp (unix seconds) is signed
 * with the body so a captured request cannot be replayed later with a fresh timestamp.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a receiver does: recompute, compare in constant time, refuse timestamps further than
 * `toleranceSeconds` from its clock.
 */
export function verifyWebhookSignature(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(headers.signature ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
