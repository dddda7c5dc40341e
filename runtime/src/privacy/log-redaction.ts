import { stdSerializers, type LoggerOptions } from 'pino';
import { maskPii } from './pii';

/**
 * Logger settings that keep personal data out of the logs whoever writes the log line: every string
 * logged (the message and the string fields of the objects logged with it), the request URL (a
 * customer search carries a phone number in its query) and error messages and stacks are masked
 * (pii.ts); session cookies, authorization and the internal token are never written.
 */
export function piiSafeLogger(level: string): LoggerOptions {
  return {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-kefu-internal-token"]',
        'res.headers["set-cookie"]',
      ],
      censor: '[redacted]',
    },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => masked(a, 3)) as Parameters<typeof method>);
      },
    },
    serializers: {
      req: (req: {
        method?: string;
        url?: string;
        host?: string;
        ip?: string;
        socket?: { remotePort?: number };
      }) => ({
        method: req.method,
        url: maskPii(decoded(req.url ?? '')),
        host: req.host,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
      err: (err: Error) => {
        const s = stdSerializers.err(err);
        return { ...s, message: maskPii(s.message ?? ''), ...(s.stack ? { stack: maskPii(s.stack) } : {}) };
      },
    },
  };
}

/** Strings masked, and the strings inside plain objects and arrays, a few levels down. */
function masked(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return maskPii(value);
  if (depth === 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => masked(v, depth - 1));
  // Errors, requests, buffers and the like have serializers of their own (or are not ours to copy).
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, masked(v, depth - 1)]));
}

/** The URL as a person reads it, so an address written `%40` is still found. */
function decoded(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}
