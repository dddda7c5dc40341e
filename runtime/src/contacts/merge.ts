import type { Models } from '../models';
import { KefuError } from '../errors';

export interface MergeResult {
  /** Contacts merged by this call (already merged ones are left out). */
  merged: string[];
  before: {
    tags: string[];
    attributes: Record<string, unknown>;
    name?: string;
    email?: string;
    phone?: string;
  };
}

/**
 * Merges contacts into `keptId`: their conversations, tickets and survey responses move to it,
 * tags and attributes are united (the kept contact's values win), and its empty name, email or
 * phone is filled from them. Each merged contact stays, marked `mergedInto`, so its widget
 * visitor resumes as the kept contact.
 *
 * There are no transactions on FerretDB, so every step is an idempotent write and the contact is
 * marked merged last: a merge cut short is finished by calling it again, and a merge repeated
 * after it finished changes nothing.
 */
export async function mergeContacts(
  models: Models,
  workspaceId: string,
  keptId: string,
  mergeIds: readonly string[],
): Promise<MergeResult> {
  const { Contact, Conversation, Ticket, SurveyResponse } = models;
  if (mergeIds.includes(keptId))
    throw new KefuError('KEFU_ERR_VALIDATION', 'A contact cannot be merged into itself', 'body/mergeIds');
  const kept = await Contact.findOne({ _id: keptId, workspaceId }).lean();
  if (!kept) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such contact', 'params/id');
  if (kept.mergedInto)
    throw new KefuError(
      'KEFU_ERR_CONFLICT',
      'This contact was merged into another; keep that one',
      'params/id',
    );
  // One lookup per id: `_id: {$in}` would read every contact of the workspace.
  const found = await Promise.all(mergeIds.map((_id) => Contact.findOne({ _id, workspaceId }).lean()));
  const others = found.filter((o) => o !== null);
  const missing = mergeIds.find((id) => !others.some((o) => String(o._id) === id));
  if (missing) throw new KefuError('KEFU_ERR_NOT_FOUND', `No such contact ${missing}`, 'body/mergeIds');
  const elsewhere = others.find((o) => o.mergedInto && String(o.mergedInto) !== keptId);
  if (elsewhere)
    throw new KefuError(
      'KEFU_ERR_CONFLICT',
      `Contact ${String(elsewhere._id)} was already merged into another contact`,
      'body/mergeIds',
    );

  const before = {
    tags: kept.tags ?? [],
    attributes: (kept.attributes ?? {}) as Record<string, unknown>,
    ...(kept.name ? { name: kept.name } : {}),
    ...(kept.email ? { email: kept.email } : {}),
    ...(kept.phone ? { phone: kept.phone } : {}),
  };
  // Oldest first, so when two merged contacts both have a value, the older one's wins.
  const ordered = [...others].sort((a, b) => +new Date(a.createdAt) - +new Date(b.createdAt));
  const attributes: Record<string, unknown> = {};
  for (const o of ordered) for (const [k, v] of Object.entries(o.attributes ?? {})) attributes[k] ??= v;
  Object.assign(attributes, before.attributes);
  const tags = [...new Set([...before.tags, ...ordered.flatMap((o) => o.tags ?? [])])];
  const filled: Record<string, string> = {};
  for (const field of ['name', 'email', 'phone'] as const) {
    const value = kept[field] ? undefined : ordered.find((o) => o[field])?.[field];
    if (value) filled[field] = value;
  }

  const ids = ordered.map((o) => o._id);
  await Contact.updateOne(
    { _id: keptId, workspaceId },
    { $set: { tags, attributes, ...filled }, $addToSet: { mergedFrom: { $each: ids } } },
  );
  const moved = { $set: { contactId: kept._id } };
  // One contact at a time: `contactId: {$in}` would read the whole workspace's history.
  for (const contactId of ids) {
    await Conversation.updateMany({ workspaceId, contactId }, moved);
    await Ticket.updateMany({ workspaceId, contactId }, moved);
    await SurveyResponse.updateMany({ workspaceId, contactId }, moved);
    // Contacts merged into a merged one earlier now point at the kept one: one hop, never a chain.
    await Contact.updateMany({ workspaceId, mergedInto: contactId }, { $set: { mergedInto: kept._id } });
  }
  const fresh = ordered.filter((o) => !o.mergedInto);
  const now = new Date();
  for (const o of fresh)
    await Contact.updateOne(
      { _id: o._id, workspaceId, mergedInto: { $exists: false } },
      { $set: { mergedInto: kept._id, mergedAt: now } },
    );
  return { merged: fresh.map((o) => String(o._id)), before };
}

/**
 * The contact a widget visitor chats as: their own, or the one it was merged into. Follows a few
 * hops in case a merge was cut short between repointing and marking.
 */
export async function resolveMerged(
  models: Models,
  workspaceId: string,
  contact: { _id: unknown; mergedInto?: unknown },
): Promise<string> {
  let current = contact;
  for (let hop = 0; hop < 5 && current.mergedInto; hop++) {
    const next = await models.Contact.findOne(
      { _id: current.mergedInto, workspaceId },
      { mergedInto: 1 },
    ).lean();
    if (!next) break;
    current = next;
  }
  return String(current._id);
}
