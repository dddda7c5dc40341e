import type { Types } from 'mongoose';
import { emailKey, phoneKey } from '../../contacts/normalize';
import { defineMigration } from './define-migration';
import { forEachBatch } from './for-each-batch';

/**
 * Contacts stored before `emailKey` and `phoneKey` existed get them, so imports (and anything else
 * matching contacts by email or phone) find them with an indexed lookup. Only contacts whose keys
 * are missing or stale are written.
 */
export const contactMatchKeys = defineMigration({
  id: '0003-contact-match-keys',
  async up(models) {
    const { Contact } = models;
    let changed = 0;
    const seen = await forEachBatch(Contact, {}, 500, async (batch) => {
      for (const c of batch as unknown as StoredContact[]) {
        const keys = { emailKey: emailKey(c.email), phoneKey: phoneKey(c.phone) };
        if ((c.emailKey ?? null) === keys.emailKey && (c.phoneKey ?? null) === keys.phoneKey) continue;
        const $set = Object.fromEntries(Object.entries(keys).filter(([, v]) => v));
        const $unset = Object.fromEntries(
          Object.entries(keys)
            .filter(([, v]) => !v)
            .map(([k]) => [k, '']),
        );
        await Contact.updateOne(
          { _id: c._id, workspaceId: c.workspaceId },
          {
            ...(Object.keys($set).length ? { $set } : {}),
            ...(Object.keys($unset).length ? { $unset } : {}),
          },
        );
        changed++;
      }
    });
    return { contacts: seen, changed };
  },
});

interface StoredContact {
  _id: Types.ObjectId;
  workspaceId: Types.ObjectId;
  email?: string | null;
  phone?: string | null;
  emailKey?: string | null;
  phoneKey?: string | null;
}
