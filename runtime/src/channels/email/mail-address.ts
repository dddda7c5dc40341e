/**
 * The workspace a mail is for: `<publicKey>@<mailDomain>` (domain compared case-insensitively).
 * Null for any other address, so the listener is never an open relay.
 */
export function workspaceKeyOf(address: string, mailDomain: string): string | null {
  const at = address.lastIndexOf('@');
  if (at <= 0) return null;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1).toLowerCase();
  if (domain !== mailDomain.toLowerCase()) return null;
  return /^[A-Za-z0-9_-]{1,64}$/.test(local) ? local : null;
}

/** Our address for a workspace: where customers write, and what our replies come from. */
export function workspaceAddress(publicKey: string, mailDomain: string): string {
  return `${publicKey}@${mailDomain.toLowerCase()}`;
}
