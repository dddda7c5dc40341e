import type { Models } from '../models';
import { resolveMerged } from '../contacts/merge';

/**
 * The contact a channel knows by a key of its own (`email:<blind index of the address>`
 * (contacts/blind-keys.ts: no address in clear), `api:<external id>`, kept in
 * visitorId, unique per workspace), created on first contact. Two first messages racing on the
 * unique index: the loser reads the winner. A contact an owner merged into another answers as
 * that one, as a merged widget visitor does.
 */
export async function contactFor(
  models: Models,
  workspaceId: string,
  visitorId: string,
  /** `set` overwrites (the caller's system is the source of truth); `onInsert` only fills a new contact. */
  fields: { set?: { name?: string; email?: string }; onInsert?: { name?: string; email?: string } },
): Promise<string> {
  const set = fields.set ?? {};
  const write = () =>
    models.Contact.findOneAndUpdate(
      { workspaceId, visitorId },
      {
        $setOnInsert: { workspaceId, visitorId, ...omit(fields.onInsert ?? {}, Object.keys(set)) },
        ...(Object.keys(set).length ? { $set: set } : {}),
      },
      // No projection: FerretDB 1.x cannot project findAndModify.
      { upsert: true, returnDocument: 'after' },
    ).lean();
  let contact;
  try {
    contact = (await write())!;
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
    contact = (await write())!;
  }
  return contact.mergedInto ? await resolveMerged(models, workspaceId, contact) : String(contact._id);
}

function omit<T extends object>(obj: T, keys: string[]): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([k]) => !keys.includes(k))) as Partial<T>;
}
