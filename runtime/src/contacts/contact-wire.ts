import type { ContactWire } from '@kefu/schemas/api';

/** A stored contact as `lean()` reads it. */
export interface ContactRecord {
  _id: unknown;
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  tags?: string[] | null;
  attributes?: unknown;
  lastCsat?: { rating?: number | null; at?: Date | null } | null;
  mergedFrom?: unknown[] | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toWireContact(c: ContactRecord): ContactWire {
  const attributes =
    c.attributes && typeof c.attributes === 'object' && !Array.isArray(c.attributes)
      ? (c.attributes as Record<string, unknown>)
      : {};
  return {
    id: String(c._id),
    ...(c.name ? { name: c.name } : {}),
    ...(c.email ? { email: c.email } : {}),
    ...(c.phone ? { phone: c.phone } : {}),
    tags: c.tags ?? [],
    attributes,
    ...(c.lastCsat?.rating
      ? {
          lastCsat: {
            rating: c.lastCsat.rating,
            ...(c.lastCsat.at ? { at: new Date(c.lastCsat.at).toISOString() } : {}),
          },
        }
      : {}),
    ...(c.mergedFrom?.length ? { mergedFrom: c.mergedFrom.map(String) } : {}),
    createdAt: new Date(c.createdAt).toISOString(),
    updatedAt: new Date(c.updatedAt ?? c.createdAt).toISOString(),
  };
}
