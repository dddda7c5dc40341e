import { Types } from 'mongoose';
import { releaseLeases, takeLeases, transition, type Models } from '../models';
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

/** A merge holds its contacts this long at most; one cut short frees them by running out of time. */
const MERGE_LEASE_MS = 2 * 60_000;

/**
 * Merges contacts into `keptId`: their conversations, tickets and survey responses move to it,
 * tags and attributes are united (the kept contact's values win), and its empty name, email or
 * phone is filled from them. Each merged contact stays, marked `mergedInto`, so its widget
 * visitor resumes as the kept contact.
 *
 * A merge spans many documents, so it holds a lease on every contact it involves (kept and merged):
 * two merges sharing a contact (the same one merged into two others, A into B while B goes into A)
 * never interleave, the second is refused with a 409. Within it every step is an idempotent write,
 * the kept contact gets others' values by conditional writes that leave what it holds (an agent's
 * edit or a flow step at the same moment stays), and the merged contacts are marked last: a merge
 * cut short is finished by calling it again, and one repeated after it finished changes nothing.
 */
export async function mergeContacts(
  models: Models,
  workspaceId: string,
  keptId: string,
  mergeIds: readonly string[],
): Promise<MergeResult> {
  if (mergeIds.includes(keptId))
    throw new KefuError('KEFU_ERR_VALIDATION', 'A contact cannot be merged into itself', 'body/mergeIds');
  const leases = [keptId, ...mergeIds].map((id) => `contact/${id}`);
  const holder = `merge/${new Types.ObjectId().toHexString()}`;
  if (!(await takeLeases(models.Lease, workspaceId, leases, holder, MERGE_LEASE_MS)))
    throw new KefuError(
      'KEFU_ERR_CONFLICT',
      'Another merge of these contacts is under way; try again in a moment',
      'body/mergeIds',
    );
  try {
    return await mergeHeld(models, workspaceId, keptId, mergeIds);
  } finally {
    await releaseLeases(models.Lease, workspaceId, leases, holder);
  }
}

/** The merge itself, while it holds every contact involved: what it reads stays true until it is done. */
async function mergeHeld(
  models: Models,
  workspaceId: string,
  keptId: string,
  mergeIds: readonly string[],
): Promise<MergeResult> {
  const { Contact, Conversation, Ticket, SurveyResponse } = models;
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
  const ids = ordered.map((o) => o._id);
  const scope = { _id: keptId, workspaceId };
  await Contact.updateOne(scope, {
    $addToSet: { tags: { $each: ordered.flatMap((o) => o.tags ?? []) }, mergedFrom: { $each: ids } },
  });
  // Each value only where the kept contact has none, decided by the write itself: a value an agent
  // or a flow step gives it meanwhile is the kept contact's, and wins.
  const attributes = new Map<string, unknown>();
  for (const o of ordered)
    for (const [k, v] of Object.entries((o.attributes ?? {}) as Record<string, unknown>))
      if (!attributes.has(k)) attributes.set(k, v);
  for (const [k, v] of attributes)
    await transition(Contact, { ...scope, [`attributes.${k}`]: { $exists: false } }, { $set: { [`attributes.${k}`]: v } });
  for (const field of ['name', 'email', 'phone'] as const) {
    const value = ordered.find((o) => o[field])?.[field];
    if (value)
      await transition(
        Contact,
        { ...scope, $or: [{ [field]: { $exists: false } }, { [field]: null }, { [field]: '' }] },
        { $set: { [field]: value } },
      );
  }

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
