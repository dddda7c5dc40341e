import { insertOnce, type Models } from '@kefu/runtime/models';
import type { TicketSnapshot } from '@kefu/nodes';
import type { FlowActivityImpls } from './activity-contract';

/**
 * Ticket side effects of flows. Creation is keyed by the step's idempotency key (a retry finds the
 * ticket it made); updates are idempotent by construction ($set, $addToSet, notes keyed).
 */
export function ticketActivities(
  models: Models,
): Pick<FlowActivityImpls, 'createTicket' | 'updateTicket' | 'getTicket'> {
  const { Ticket, Conversation } = models;
  return {
    async createTicket(input) {
      const conversation = await Conversation.findOne({
        _id: input.conversationId,
        workspaceId: input.workspaceId,
      });
      const doc = await insertOnce(Ticket, {
        workspaceId: input.workspaceId,
        idempotencyKey: input.idempotencyKey,
        conversationId: input.conversationId,
        ...(conversation ? { contactId: conversation.contactId } : {}),
        subject: input.subject,
        description: input.description,
        priority: input.priority,
        tags: input.tags,
        status: 'open',
        ...(input.dueAt ? { dueAt: new Date(input.dueAt) } : {}),
      });
      return { ticketId: String(doc._id) };
    },

    async updateTicket(input) {
      if (!isObjectId(input.ticketId)) return { updated: false };
      const scope = { _id: input.ticketId, workspaceId: input.workspaceId };
      const set: Record<string, unknown> = {};
      if (input.status) set.status = input.status;
      if (input.priority) set.priority = input.priority;
      const result = await Ticket.updateOne(scope, {
        ...(Object.keys(set).length ? { $set: set } : {}),
        ...(input.addTags?.length ? { $addToSet: { tags: { $each: input.addTags } } } : {}),
      });
      if (result.matchedCount === 0) return { updated: false };
      if (input.status === 'resolved')
        await Ticket.updateOne(
          { ...scope, resolvedAt: { $exists: false } },
          { $set: { resolvedAt: new Date() } },
        );
      if (input.note)
        await Ticket.updateOne(
          { ...scope, 'notes.key': { $ne: input.idempotencyKey } },
          { $push: { notes: { key: input.idempotencyKey, text: input.note, at: new Date() } } },
        );
      return { updated: true };
    },

    async getTicket(input): Promise<TicketSnapshot | null> {
      if (!isObjectId(input.ticketId)) return null;
      const doc = await Ticket.findOne({ _id: input.ticketId, workspaceId: input.workspaceId });
      if (!doc) return null;
      return {
        ticketId: String(doc._id),
        status: doc.status,
        priority: doc.priority,
        ...(doc.firstResponseAt ? { firstResponseAt: doc.firstResponseAt.toISOString() } : {}),
        ...(doc.resolvedAt ? { resolvedAt: doc.resolvedAt.toISOString() } : {}),
      };
    },
  };
}

/** Ticket ids come from owners' templates; anything else would make Mongoose throw a CastError. */
function isObjectId(id: string): boolean {
  return /^[0-9a-f]{24}$/i.test(id);
}
