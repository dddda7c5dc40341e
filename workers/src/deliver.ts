import type { Message } from '@kefu/schemas';

/** Pushes a stored message to whichever live clients the API holds for its conversation. */
export type Deliver = (message: Message) => Promise<void>;

/**
 * Delivery through the API's internal endpoint. Best effort by design: the message is already
 * stored, and a client that misses the push receives it with the conversation's history when it
 * reconnects, so a failed push must not fail (and re-run) the activity.
 */
export function httpDeliver(apiUrl: string, token: string, log: (msg: string) => void): Deliver {
  return async (message) => {
    try {
      const res = await fetch(new URL('/internal/deliveries', apiUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-kefu-internal-token': token },
        body: JSON.stringify({ message }),
        signal: AbortSignal.timeout(2000),
      });
      if (!res.ok) log(`delivery of ${message.id} answered ${res.status}`);
    } catch (err) {
      log(`delivery of ${message.id} failed: ${(err as Error).message}`);
    }
  };
}
