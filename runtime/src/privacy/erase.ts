import type { Types } from 'mongoose';
import type { ErasedCounts } from '@kefu/schemas/api';
import type { Models } from '../models';

type Id = string | Types.ObjectId;

/**
 * Deleting a customer's history, shared by the retention sweep (retention.ts) and "delete this
 * contact" (erase-contact.ts). Every read is an equality lookup on an indexed key that selects one
 * conversation's, ticket's or run's documents; every write is a delete by that key or by `_id`, so a
 * call cut short and run again deletes what is left and nothing twice. The parent goes last: while
 * anything of it is left, it is still there to be found again.
 *
 * Counters: a counted document (tickets, contacts) is first marked `erasing` by a counted update,
 * which takes it out of every counter, then deleted (models/counted.ts). Lists: a deleted item
 * leaves a gap in its page, which list reads skip as they skip a writer's lost ordinal; the list's
 * head is not moved, so ordinals are never reused.
 */
export class Tally {
  readonly counts: ErasedCounts = {};
  add(what: string, n: number | undefined): void {
    if (n) this.counts[what] = (this.counts[what] ?? 0) + n;
  }
}

/** One conversation with its messages, notes, ratings, deliveries, read marks, offers and mail. */
export async function eraseConversation(models: Models, workspaceId: Id, conversationId: Id, tally: Tally) {
  const { Message, Note, SurveyResponse, OutboundDelivery, ReadMark, MailId, Offer, OfferMove } = models;
  const mine = { workspaceId, conversationId };
  tally.add('messages', (await Message.deleteMany(mine)).deletedCount);
  tally.add('notes', (await Note.deleteMany(mine)).deletedCount);
  tally.add('surveyResponses', (await SurveyResponse.deleteMany(mine)).deletedCount);
  tally.add('deliveries', (await OutboundDelivery.deleteMany(mine)).deletedCount);
  await ReadMark.deleteMany(mine);
  await MailId.deleteMany(mine);
  await models.TicketRunLink.deleteMany(mine);
  for (const offer of await Offer.find(mine, { _id: 1 }).lean())
    await OfferMove.deleteMany({ workspaceId, offerId: offer._id });
  await Offer.deleteMany(mine);
  await models.EmailThread.deleteOne({ workspaceId, _id: conversationId });
  tally.add(
    'conversations',
    (await models.Conversation.deleteOne({ workspaceId, _id: conversationId })).deletedCount,
  );
}

/** One ticket with its events; out of its counters first. */
export async function eraseTicket(models: Models, workspaceId: Id, ticketId: Id, tally: Tally) {
  const { Ticket, TicketEvent } = models;
  tally.add('ticketEvents', (await TicketEvent.deleteMany({ workspaceId, ticketId })).deletedCount);
  await Ticket.updateOne({ workspaceId, _id: ticketId }, { $set: { erasing: true } });
  tally.add('tickets', (await Ticket.deleteOne({ workspaceId, _id: ticketId })).deletedCount);
}

/** One flow run with its steps (the retention sweep: ended runs past the period). */
export async function eraseRun(
  models: Models,
  workspaceId: Id,
  run: { _id: Id; runId: string },
  tally: Tally,
) {
  tally.add('runSteps', (await models.RunStep.deleteMany({ workspaceId, runId: run.runId })).deletedCount);
  tally.add('runs', (await models.FlowRun.deleteOne({ workspaceId, _id: run._id })).deletedCount);
}

/**
 * A run kept for the flow's analytics (its path through the nodes, times, ports) with what ties it
 * to a person removed: the contact, conversation and ticket it ran for, the contact's tags, and the
 * steps' reasons and errors, which quote the values a condition compared (a message's text, a
 * contact field).
 */
export async function maskRun(
  models: Models,
  workspaceId: Id,
  run: { _id: Id; runId: string },
  tally: Tally,
) {
  await models.RunStep.updateMany(
    { workspaceId, runId: run.runId },
    { $unset: { why: 1, decision: 1, error: 1 } },
  );
  const masked = await models.FlowRun.updateOne(
    { workspaceId, _id: run._id },
    { $unset: { contactId: 1, conversationId: 1, ticketId: 1, tags: 1, 'failure.reason': 1 } },
  );
  tally.add('runsMasked', masked.matchedCount);
}
