import { createHash } from 'node:crypto';
import type { Types } from 'mongoose';
import type { ErasedCounts } from '@kefu/schemas/api';
import type { Models } from '../models';
import { leaseId } from '../models/lease';
import { eraseConversation, eraseTicket, maskRun, Tally } from './erase';

type Id = string | Types.ObjectId;

/**
 * How the audit log names an exported or deleted contact: a hash of its id, so a deleted customer
 * leaves no id behind, and whoever holds the id (the customer's request) can still find the entries.
 */
export const contactAuditId = (contactId: Id) =>
  `sha256:${createHash('sha256').update(String(contactId)).digest('hex')}`;

type Doc = Record<string, unknown> & { _id: Types.ObjectId };

/**
 * A contact and the contacts merged into it (contacts/merge.ts keeps those, marked `mergedInto`,
 * so their widget visitors resolve; their flow runs still carry their own ids). Null: no such
 * contact in this workspace.
 */
async function contactAndMerged(models: Models, workspaceId: Id, contactId: Id) {
  const contact = await models.Contact.findOne({ workspaceId, _id: contactId }).lean<Doc>();
  if (!contact) return null;
  const merged = await models.Contact.find({ workspaceId, mergedInto: contact._id }).lean<Doc[]>();
  return { contact, merged, ids: [contact._id, ...merged.map((m) => m._id)] };
}

/** The flow runs that name one of the contacts or ran in one of their conversations, once each. */
async function runsOf(models: Models, workspaceId: Id, contactIds: Id[], conversationIds: Id[]) {
  const runs = new Map<string, Doc & { runId: string }>();
  const found = await Promise.all([
    ...contactIds.map((contactId) =>
      models.FlowRun.find({ workspaceId, contactId }).lean<(Doc & { runId: string })[]>(),
    ),
    ...conversationIds.map((conversationId) =>
      models.FlowRun.find({ workspaceId, conversationId }).lean<(Doc & { runId: string })[]>(),
    ),
  ]);
  for (const run of found.flat()) runs.set(String(run._id), run);
  return [...runs.values()];
}

async function historyOf(models: Models, workspaceId: Id, contactIds: Id[]) {
  const { Conversation, Ticket, SurveyResponse } = models;
  const conversations = (
    await Promise.all(
      contactIds.map((contactId) => Conversation.find({ workspaceId, contactId }).lean<Doc[]>()),
    )
  ).flat();
  const tickets = new Map<string, Doc>();
  const byContact = await Promise.all(
    contactIds.map((contactId) => Ticket.find({ workspaceId, contactId }).lean<Doc[]>()),
  );
  const byConversation = await Promise.all(
    conversations.map((c) => Ticket.find({ workspaceId, conversationId: c._id }).lean<Doc[]>()),
  );
  for (const t of [...byContact, ...byConversation].flat()) tickets.set(String(t._id), t);
  const surveys = (
    await Promise.all(
      contactIds.map((contactId) => SurveyResponse.find({ workspaceId, contactId }).lean<Doc[]>()),
    )
  ).flat();
  const runs = await runsOf(
    models,
    workspaceId,
    contactIds,
    conversations.map((c) => c._id),
  );
  return { conversations, tickets: [...tickets.values()], surveys, runs };
}

/** Everything stored about one contact (GET /contacts/:id/export); null: no such contact. */
export async function exportContact(models: Models, workspaceId: Id, contactId: Id) {
  const found = await contactAndMerged(models, workspaceId, contactId);
  if (!found) return null;
  const { Message, Note, TicketEvent, RunStep, SurveyResponse } = models;
  const history = await historyOf(models, workspaceId, found.ids);
  const conversations = await Promise.all(
    history.conversations.map(async (c) => ({
      ...c,
      messages: await Message.find({ workspaceId, conversationId: c._id })
        .sort({ createdAt: 1, _id: 1 })
        .lean(),
      notes: await Note.find({ workspaceId, conversationId: c._id }).sort({ createdAt: 1, _id: 1 }).lean(),
    })),
  );
  const tickets = await Promise.all(
    history.tickets.map(async (t) => ({
      ...t,
      events: await TicketEvent.find({ workspaceId, ticketId: t._id }).sort({ at: 1, _id: 1 }).lean(),
    })),
  );
  // Ratings are found by contact and by conversation: one given before a merge moved its conversation.
  const surveys = new Map<string, unknown>(history.surveys.map((s) => [String(s._id), s]));
  for (const c of history.conversations)
    for (const s of await SurveyResponse.find({ workspaceId, conversationId: c._id }).lean<Doc[]>())
      surveys.set(String(s._id), s);
  const runs = await Promise.all(
    history.runs.map(async (r) => ({
      ...r,
      steps: await RunStep.find({ workspaceId, runId: r.runId }).sort({ step: 1 }).lean(),
    })),
  );
  // Through JSON once: ObjectIds become their hex, dates ISO strings, as any API answer.
  return JSON.parse(
    JSON.stringify({
      exportedAt: new Date().toISOString(),
      contact: found.contact,
      mergedContacts: found.merged,
      conversations,
      tickets,
      surveyResponses: [...surveys.values()],
      runs,
    }),
  ) as Record<string, unknown>;
}

export class ContactInConversation extends Error {}

/**
 * Deletes one contact everywhere (DELETE /contacts/:id): its conversations with their messages,
 * notes, ratings and deliveries, its tickets with their events, its ratings, the contacts merged
 * into it; its flow runs stay for the flows' analytics with the contact, conversation and the
 * steps' quoted values removed (maskRun). Refused while a conversation of the contact is open: its
 * flow, agent and queue are still at work on it (close it first). Running it again after it was cut
 * short finishes the job (the contact goes last). Null: no such contact.
 */
export async function eraseContact(
  models: Models,
  workspaceId: Id,
  contactId: Id,
): Promise<ErasedCounts | null> {
  const found = await contactAndMerged(models, workspaceId, contactId);
  if (!found) return null;
  const { Contact, Conversation, SurveyResponse } = models;
  for (const id of found.ids)
    if (await Conversation.findOne({ workspaceId, contactId: id, status: 'open' }, { _id: 1 }).lean())
      throw new ContactInConversation('The contact has an open conversation: close it first');
  const tally = new Tally();
  const history = await historyOf(models, workspaceId, found.ids);
  for (const run of history.runs) await maskRun(models, workspaceId, run, tally);
  for (const ticket of history.tickets) await eraseTicket(models, workspaceId, ticket._id, tally);
  for (const c of history.conversations) await eraseConversation(models, workspaceId, c._id, tally);
  for (const id of found.ids)
    tally.add(
      'surveyResponses',
      (await SurveyResponse.deleteMany({ workspaceId, contactId: id })).deletedCount,
    );
  const { contact } = found;
  // A contact merged away: the one it went into names it in its merged-from list.
  if (contact.mergedInto)
    await Contact.updateOne({ workspaceId, _id: contact.mergedInto }, { $pull: { mergedFrom: contact._id } });
  for (const id of found.ids) {
    // The log keeps that an owner edited or merged this contact, and when; not the values.
    await models.AuditEntry.updateMany(
      { workspaceId, targetType: 'contact', targetId: String(id) },
      { $set: { targetId: contactAuditId(id) }, $unset: { before: 1, after: 1 } },
    );
    // Merges lease `contact/<id>`; a released lease stays behind, named by the id.
    await models.Lease.deleteOne({ workspaceId, _id: leaseId(workspaceId, `contact/${String(id)}`) });
  }
  for (const m of [...found.merged, contact]) {
    await Contact.updateOne({ workspaceId, _id: m._id }, { $set: { erasing: true } });
    tally.add('contacts', (await Contact.deleteOne({ workspaceId, _id: m._id })).deletedCount);
  }
  return tally.counts;
}
