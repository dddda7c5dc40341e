import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isBlockedAddress, isBlockedHost, isLoopbackHost, type HttpResult } from '@kefu/nodes';

const BODY_LIMIT = 64 * 1024;

export interface AddressGuard {
  /**
   * Lets loopback addresses (127.0.0.0/8, ::1, localhost) through; private networks stay refused.
   * Only for tests that run their receiver on this machine (KEFU_WEBHOOK_ALLOW_LOOPBACK=true).
   */
  allowLoopback?: boolean;
}

export interface HttpRequestInput {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

/**
 * One HTTP attempt for a flow's HTTP request node (the worker), and for any other request to an
 * address an owner typed (the API's alert webhooks): exported as `@kefu/runtime/safe-http` (the node
 * catalog is workflow code and may not reach the network). Never throws: every failure is a
 * result the caller can branch on. Private and loopback addresses are refused at connect time (the DNS lookup the
 * socket really uses), so a name that resolves, or later re-resolves, to an internal address is
 * caught too. Redirects are not followed: a redirect could point inside.
 */
export function safeHttpRequest(input: HttpRequestInput, guard: AddressGuard = {}): Promise<HttpResult> {
  const allowed = (host: string) => guard.allowLoopback === true && isLoopbackHost(host);
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    return Promise.resolve(failed('invalid URL'));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return Promise.resolve(failed('only http and https'));
  if (isBlockedHost(url.hostname) && !allowed(url.hostname))
    return Promise.resolve(failed(`blocked address ${url.hostname}`));

  return new Promise((resolve) => {
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(
      url,
      {
        method: input.method,
        headers: { 'user-agent': 'Kefu-Flow/1', ...input.headers },
        timeout: input.timeoutMs,
        lookup: guardedLookup((address) => isBlockedAddress(address) && !allowed(address)),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < BODY_LIMIT) chunks.push(chunk.subarray(0, BODY_LIMIT - size));
          size += chunk.length;
        });
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          resolve({
            ok: status >= 200 && status < 300,
            status,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
        res.on('error', (err) => resolve(failed(err.message)));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${input.timeoutMs} ms`)));
    req.on('error', (err) => resolve(failed(err.message)));
    if (input.body !== undefined) req.write(input.body);
    req.end();
  });
}

function failed(error: string): HttpResult {
  return { ok: false, status: 0, body: '', error };
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * dns.lookup that refuses the whole answer when any address in it is blocked: the socket may try
 * them in any order, so one internal address is enough to refuse.
 */
function guardedLookup(isBlocked: (host: string) => boolean) {
  return (hostname: string, options: object, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const list = addresses as LookupAddress[];
      const blocked = list.find((a) => isBlocked(a.address));
      if (blocked || list.length === 0)
        return callback(
          Object.assign(new Error(`blocked address ${blocked?.address ?? hostname}`), { code: 'EBLOCKED' }),
          [],
        );
      if ((options as { all?: boolean }).all) return callback(null, list);
      const first = list[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };
}
