import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isBlockedAddress, isBlockedHost, isLoopbackHost } from '@kefu/nodes';

/**
 * One JSON POST to an owner-given URL from the API process, with the SSRF guard of the worker's
 * HTTP request node (workers/src/http-request.ts): private and loopback addresses are refused at
 * connect time, on the address the socket really uses; redirects are not followed. Loopback only
 * with `allowLoopback` (tests, KEFU_WEBHOOK_ALLOW_LOOPBACK). Resolves with the status, or throws.
 */
export function guardedPost(
  target: string,
  body: string,
  opts: { allowLoopback: boolean; timeoutMs?: number },
): Promise<number> {
  const allowed = (host: string) => opts.allowLoopback && isLoopbackHost(host);
  const url = new URL(target);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return Promise.reject(new Error('only http and https'));
  if (isBlockedHost(url.hostname) && !allowed(url.hostname))
    return Promise.reject(new Error(`blocked address ${url.hostname}`));
  const timeoutMs = opts.timeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    const req = (url.protocol === 'https:' ? https : http).request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Kefu-Alerts/1' },
        timeout: timeoutMs,
        lookup: (hostname: string, options: object, callback: LookupCallback) =>
          dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
            if (err) return callback(err, []);
            const list = addresses as LookupAddress[];
            const blocked = list.find((a) => isBlockedAddress(a.address) && !allowed(a.address));
            if (blocked || list.length === 0)
              return callback(new Error(`blocked address ${blocked?.address ?? hostname}`), []);
            if ((options as { all?: boolean }).all) return callback(null, list);
            callback(null, list[0]!.address, list[0]!.family);
          }),
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;
