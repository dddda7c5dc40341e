import ipaddr from 'ipaddr.js';

/**
 * The one outbound address guard: HTTP steps, webhooks and anything later that calls out check
 * hosts here at compile/save time and every resolved address again at connect time (DNS may point
 * anywhere). Only global unicast addresses pass; ranges come from ipaddr.js, maintained with the
 * IANA registries, rather than a hand-kept list.
 */
export function isBlockedHost(host: string): boolean {
  const h = normalizeHost(host);
  if (h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local') || h.endsWith('.internal'))
    return true;
  return ipaddr.isValid(h) ? isBlockedAddress(h) : false;
}

/**
 * An IP literal that is not global unicast: loopback, private, link-local (cloud metadata),
 * carrier-grade NAT, benchmarking and reserved blocks, multicast, unspecified, and IPv6 forms that
 * carry an IPv4 address inside (IPv4-mapped, IPv4-compatible, NAT64, 6to4, Teredo).
 */
export function isBlockedAddress(address: string): boolean {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    // process() turns ::ffff:a.b.c.d into a.b.c.d, so a mapped address is judged as IPv4.
    ip = ipaddr.process(address.replace(/^\[|\]$/g, ''));
  } catch {
    return true;
  }
  if (ip.range() !== 'unicast') return true;
  // ::a.b.c.d (IPv4-compatible, deprecated) is "unicast" to ipaddr.js but reaches IPv4 hosts.
  return ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).parts.slice(0, 6).every((p) => p === 0);
}

/** Loopback only (the tests-only allowance): `localhost` or an address in a loopback range. */
export function isLoopbackHost(host: string): boolean {
  const h = normalizeHost(host);
  if (h === 'localhost') return true;
  try {
    return ipaddr.isValid(h) && ipaddr.process(h).range() === 'loopback';
  } catch {
    return false;
  }
}

/**
 * Lower case, no brackets, no trailing dot, and numeric IPv4 forms (2852039166, 0x7f000001,
 * 0177.0.0.1, 127.1) written out as the WHATWG URL parser, which every request goes through, reads
 * them.
 */
function normalizeHost(host: string): string {
  const h = host.trim().toLowerCase().replace(/\.$/, '');
  try {
    return new URL(`http://${h.includes(':') && !h.startsWith('[') ? `[${h}]` : h}/`).hostname.replace(
      /^\[|\]$/g,
      '',
    );
  } catch {
    return h.replace(/^\[|\]$/g, '');
  }
}
