import type { Message } from '@kefu/schemas';

export interface DeliveryTarget {
  workspaceId: string;
  /**
   * The conversation's channel. Email and API messages must leave by mail or webhook, which the
   * API starts on this push: a failed push then fails the activity, which Temporal retries (the
   * stored reply is found by its key).
   */
  channel: 'web' | 'email' | 'api';
}

/** Pushes a stored message to whichever live clients the API holds for its conversation. */
export type Deliver = (message: Message, target?: DeliveryTarget) => Promise<void>;

/**
 * Delivery through the API's internal endpoint. Best effort for the widget: the message is
 * already stored, and a client that misses the push receives it with the conversation's history
 * when it reconnects, so a failed push must not fail (and re-run) the activity. A message that
 * must reach (email, API channels) is retried instead: nothing else would send it.
 */
export function httpDeliver(apiUrl: string, token: string, log: (msg: string) => void): Deliver {
  return async (message, target) => {
    let failure: string | null = null;
    try {
      const res = await fetch(new URL('/internal/deliveries', apiUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-kefu-internal-token': token },
        body: JSON.stringify({ message, ...target }),
        signal: AbortSignal.timeout(2000),
      });
      if (!res.ok) failure = `delivery of ${message.id} answered ${res.status}`;
    } catch (err) {
      failure = `delivery of ${message.id} failed: ${(err as Error).message}`;
    }
    if (!failure) return;
    if (target && target.channel !== 'web') throw new Error(failure);
    log(failure);
  };
}
