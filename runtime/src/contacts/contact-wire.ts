import type { ContactWire } from '@kefu/schemas/api';
import { shownDeep, shownEmail, shownPhone, type PiiView } from '../privacy/pii-view';

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

/**
 * A contact as one reader may see it: without "view personal data" (or where the console masks by
 * default, `MASKED`) email, phone and the personal data inside attributes are masked and
 * `masked` says so (docs/privacy.md).
 */
export function toWireContact(c: ContactRecord, view: PiiView): ContactWire {
  const attributes =
    c.attributes && typeof c.attributes === 'object' && !Array.isArray(c.attributes)
      ? (c.attributes as Record<string, unknown>)
      : {};
  return {
    id: String(c._id),
    ...(c.name ? { name: c.name } : {}),
    ...(c.email ? { email: shownEmail(view, c.email) } : {}),
    ...(c.phone ? { phone: shownPhone(view, c.phone) } : {}),
    tags: c.tags ?? [],
    attributes: shownDeep(view, attributes),
    ...(c.lastCsat?.rating
      ? {
          lastCsat: {
            rating: c.lastCsat.rating,
            ...(c.lastCsat.at ? { at: new Date(c.lastCsat.at).toISOString() } : {}),
          },
        }
      : {}),
    ...(c.mergedFrom?.length ? { mergedFrom: c.mergedFrom.map(String) } : {}),
    ...(view.clear ? {} : { masked: true }),
    createdAt: new Date(c.createdAt).toISOString(),
    updatedAt: new Date(c.updatedAt ?? c.createdAt).toISOString(),
  };
}
