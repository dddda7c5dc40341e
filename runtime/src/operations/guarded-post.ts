import { safeHttpRequest } from '../net/safe-http-request';

/**
 * One JSON POST to an owner-given URL from the API process (alert webhooks), through the flow HTTP
 * request node's guard: private and loopback addresses are refused at connect time, on the address
 * the socket really uses; redirects are not followed. Loopback only with `allowLoopback` (tests,
 * KEFU_WEBHOOK_ALLOW_LOOPBACK). Resolves with the status, or throws why nothing was answered.
 */
export async function guardedPost(
  target: string,
  body: string,
  opts: { allowLoopback: boolean; timeoutMs?: number },
): Promise<number> {
  const result = await safeHttpRequest(
    {
      method: 'POST',
      url: target,
      headers: { 'content-type': 'application/json', 'user-agent': 'Kefu-Alerts/1' },
      body,
      timeoutMs: opts.timeoutMs ?? 10_000,
    },
    { allowLoopback: opts.allowLoopback },
  );
  if (result.status === 0) throw new Error(result.error ?? 'no answer');
  return result.status;
}
