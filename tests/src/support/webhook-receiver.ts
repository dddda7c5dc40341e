import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedHook {
  headers: Record<string, string | string[] | undefined>;
  raw: string;
  body: {
    id: string;
    type: string;
    conversationId: string;
    externalContactId: string | null;
    at?: string;
    /** On message.created only. */
    message?: { id: string; text: string; author: string };
  };
  /** Whether the signature verified against the secret the receiver was given. */
  verified: boolean;
}

/**
 * A shop's webhook receiver on a local port. It checks each delivery's signature the way the API
 * reference tells receivers to, without Kefu's code: HMAC-SHA256 over "<timestamp>.<body>". A
 * delivery that does not verify is answered 401, as a careful receiver would.
 */
export async function startWebhookReceiver() {
  let secret = '';
  const received: ReceivedHook[] = [];
  const waiters: { match: (h: ReceivedHook) => boolean; resolve: (h: ReceivedHook) => void }[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const timestamp = String(req.headers['x-kefu-timestamp'] ?? '');
      const expected = Buffer.from(
        `v1=${createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex')}`,
      );
      const given = Buffer.from(String(req.headers['x-kefu-signature'] ?? ''));
      const verified = given.length === expected.length && timingSafeEqual(given, expected);
      const hook: ReceivedHook = {
        headers: req.headers,
        raw,
        body: JSON.parse(raw) as ReceivedHook['body'],
        verified,
      };
      received.push(hook);
      for (const w of [...waiters])
        if (w.match(hook)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(hook);
        }
      res.statusCode = verified ? 204 : 401;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks/kefu`,
    received,
    /** The secret Kefu gave when the endpoint was registered. */
    useSecret(value: string) {
      secret = value;
    },
    next(match: (h: ReceivedHook) => boolean): Promise<ReceivedHook> {
      const found = received.find(match);
      return found ? Promise.resolve(found) : new Promise((resolve) => waiters.push({ match, resolve }));
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
