import {
  PRIORITY_RANK,
  changeTicket,
  insertOnce,
  recordTicketEvents,
  ticketRunLinkId,
  slaDueDates,
  ticketNumberOf,
  type Models,
} from '@kefu/runtime/models';
import type { TicketSnapshot } from '@kefu/nodes';
import type { ActivityTarget, FlowActivityImpls } from './activity-contract';
import { noTicketFlows, type TicketCreatedHook } from './ticket-created-hook';

/**
 * Ticket side effects of flows. Creation is keyed by the step's idempotency key (a retry finds the
 * ticket it made); an update is changeTicket's, as an agent's edit is, and records each changed field on
 * the ticket's timeline under the step's key, so a retried step changes and records nothing twice. Changes made by flows do not start
 * ticket-updated flows (a flow updating its own ticket must not loop).
 */
export function ticketActivities(
  models: Models,
  ticketCreated: TicketCreatedHook = noTicketFlows,
): Pick<FlowActivityImpls, 'createTicket' | 'updateTicket' | 'getTicket'> {
  const { Ticket, Conversation, Team, User } = models;
  return {
    async createTicket(input) {
      const conversation = input.conversationId
        ? await Conversation.findOne({ _id: input.conversationId, workspaceId: input.workspaceId })
        : null;
      const due = await slaDueDates(models, input.workspaceId, input.priority, Date.now());
      // Checked at publish; one deleted or disabled since leaves the ticket in the shared queue.
      const [team, assignee] = await Promise.all([
        input.teamKey
          ? Team.findOne({ workspaceId: input.workspaceId, key: input.teamKey }, { _id: 1 }).lean()
          : null,
        input.assigneeId && isObjectId(input.assigneeId)
          ? User.findOne(
              {
                _id: input.assigneeId,
                workspaceId: input.workspaceId,
                disabled: false,
                roles: { $in: ['agent', 'owner'] },
              },
              { _id: 1 },
            ).lean()
          : null,
      ]);
      const doc = await insertOnce(Ticket, {
        workspaceId: input.workspaceId,
        idempotencyKey: input.idempotencyKey,
        ...(input.conversationId ? { conversationId: input.conversationId } : {}),
        ...(conversation ? { contactId: conversation.contactId } : {}),
        subject: input.subject,
        description: input.description,
        priority: input.priority,
        priorityRank: PRIORITY_RANK[input.priority],
        source: 'flow',
        tags: input.tags,
        ...(team ? { teamId: team._id } : {}),
        ...(assignee ? { assigneeId: assignee._id } : {}),
        status: 'open',
        ...due,
        // The step's own deadline wins over the policy's resolution target.
        ...(input.dueAt ? { resolutionDueAt: new Date(input.dueAt) } : {}),
      });
      await recordTicketEvents(
        models,
        { workspaceId: input.workspaceId, ticketId: doc._id },
        'created',
        flowActor(input),
        [{ kind: 'created', to: { subject: doc.subject, priority: doc.priority, source: 'flow' } }],
      );
      // A ticket a ticket's own run opens starts no flow: a ticket-created flow that opens a ticket would never end.
      if (!input.ticketId) await ticketCreated({ workspaceId: input.workspaceId, ticketId: String(doc._id) });
      const number = ticketNumberOf(doc.seq);
      return { ticketId: String(doc._id), ...(number !== undefined ? { number } : {}) };
    },

    async updateTicket(input) {
      if (!isObjectId(input.ticketId)) return { updated: false };
      // The same change as an agent's (changeTicket): agents editing the ticket meanwhile lose nothing.
      const changed = await changeTicket(
        models,
        { workspaceId: input.workspaceId, ticketId: input.ticketId },
        {
          ...(input.status ? { status: input.status } : {}),
          ...(input.priority ? { priority: input.priority } : {}),
          ...(input.addTags?.length ? { addTags: input.addTags } : {}),
        },
        flowActor(input),
        input.idempotencyKey,
        input.note ? [{ kind: 'note', text: input.note }] : [],
      );
      return { updated: changed !== null };
    },

    async getTicket(input): Promise<TicketSnapshot | null> {
      if (!isObjectId(input.ticketId)) return null;
      const doc = await Ticket.findOne({ _id: input.ticketId, workspaceId: input.workspaceId });
      if (!doc) return null;
      // A ticket closed without being solved first is done too, as of its closing.
      const doneAt = doc.solvedAt ?? doc.closedAt;
      return {
        ticketId: String(doc._id),
        status: doc.status,
        priority: doc.priority,
        ...(doc.firstResponseAt ? { firstResponseAt: doc.firstResponseAt.toISOString() } : {}),
        ...(doneAt ? { solvedAt: doneAt.toISOString() } : {}),
      };
    },
  };
}

/**
 * A ticket's run ended: the ticket says so (when the run is the one it started), and the run stops
 * reading the conversation's customer messages. The conversation's own run is not touched.
 */
export async function endTicketRun(
  models: Models,
  input: ActivityTarget & { failure?: { nodeId: string; reason: string }; workflowId?: string },
): Promise<void> {
  const status = input.failure ? 'failed' : 'ended';
  if (input.workflowId) {
    await models.Ticket.updateOne(
      { _id: input.ticketId, workspaceId: input.workspaceId, 'flowRun.workflowId': input.workflowId },
      { $set: { 'flowRun.status': status } },
    );
    if (input.conversationId)
      await models.TicketRunLink.deleteOne({
        _id: ticketRunLinkId(input.conversationId, input.workflowId),
        workspaceId: input.workspaceId,
      });
  }
  if (input.failure)
    await recordTicketEvents(
      models,
      { workspaceId: input.workspaceId, ticketId: input.ticketId },
      input.idempotencyKey,
      { type: 'flow', runId: input.idempotencyKey.split('/')[0] ?? '' },
      [
        {
          kind: 'note',
          text: `The ticket's flow stopped at step "${input.failure.nodeId}": ${input.failure.reason}`,
        },
      ],
    );
}

/** Timeline entries by a flow name the run chain (the step key's first part). */
function flowActor(input: { idempotencyKey: string }) {
  return { type: 'flow' as const, runId: input.idempotencyKey.split('/')[0] ?? '' };
}

/** Ticket ids come from owners' templates; anything else would make Mongoose throw a CastError. */
function isObjectId(id: string): boolean {
  return /^[0-9a-f]{24}$/i.test(id);
}
