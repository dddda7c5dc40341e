import type { HttpResult } from '@kefu/nodes';
import { safeHttpRequest, type AddressGuard, type HttpRequestInput } from '@kefu/runtime/safe-http';

/**
 * The http-request node's activity: one attempt, with an `Idempotency-Key` header holding the
 * attempt's key (run chain / step / call). A worker that dies mid-request has Temporal run the same
 * attempt again with the same key, so a target that dedupes on the header applies that attempt once.
 * The node's own retries after a failure are new attempts with new keys: a target that applied a
 * request yet answered 5xx, or answered too late, may see the next attempt apply it again unless the
 * operation itself is idempotent. An owner's own Idempotency-Key header is sent unchanged.
 *
 * `guard` opens loopback for tests only (KEFU_WEBHOOK_ALLOW_LOOPBACK=true); by default every
 * private and loopback address is refused.
 */
export function flowHttpRequest(guard: AddressGuard = {}) {
  return (input: HttpRequestInput & { idempotencyKey: string }): Promise<HttpResult> => {
    const { method, url, headers, body, timeoutMs, idempotencyKey } = input;
    const owned = Object.keys(headers).some((h) => h.toLowerCase() === 'idempotency-key');
    return safeHttpRequest(
      {
        method,
        url,
        headers: owned ? headers : { ...headers, 'Idempotency-Key': idempotencyKey },
        ...(body !== undefined ? { body } : {}),
        timeoutMs,
      },
      guard,
    );
  };
}
