/**
 * Whether a host names this machine or a private network. Checked on literal hosts when a flow is
 * compiled and again on every resolved address when the request is made (DNS may point anywhere).
 */
export function isBlockedHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local') || h.endsWith('.internal')) return true;
  const v4 = parseIpv4(h);
  if (v4) return isBlockedIpv4(v4);
  if (h.includes(':')) return isBlockedIpv6(h);
  return false;
}

function parseIpv4(h: string): number[] | null {
  const parts = h.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return null;
  const nums = parts.map(Number);
  return nums.every((n) => n <= 255) ? nums : null;
}

function isBlockedIpv4([a, b]: number[]): boolean {
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && (b as number) >= 64 && (b as number) <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local, cloud metadata
    (a === 172 && (b as number) >= 16 && (b as number) <= 31) ||
    (a === 192 && b === 168) ||
    (a as number) >= 224 // multicast and reserved
  );
}

function isBlockedIpv6(h: string): boolean {
  if (h === '::' || h === '::1') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  if (mapped) return isBlockedHost(mapped[1] as string);
  return /^(fc|fd|fe8|fe9|fea|feb|ff)/.test(h);
}
