import { insertOnce, recordTicketEvents, type Models } from '@kefu/runtime/models';
import type { ActivityTarget, FlowActivityImpls } from './activity-contract';
import { notifyNobody, type NotifyAgents } from './notify-agents';

/** The survey node's answer reaches analytics (one response per step), the conversation, the contact and the run's ticket. */
export function surveyActivities(
  models: Models,
  notifyAgents: NotifyAgents = notifyNobody,
): Pick<FlowActivityImpls, 'recordSatisfaction'> {
  return {
    async recordSatisfaction(input: ActivityTarget & { rating: number; comment?: string }) {
      const scope = { _id: input.conversationId, workspaceId: input.workspaceId };
      const conversation = await models.Conversation.findOne(scope, { contactId: 1 }).lean();
      const response = await insertOnce(models.SurveyResponse, {
        workspaceId: input.workspaceId,
        conversationId: input.conversationId,
        ...(conversation?.contactId ? { contactId: conversation.contactId } : {}),
        rating: input.rating,
        ...(input.comment ? { comment: input.comment } : {}),
        idempotencyKey: input.idempotencyKey,
      });
      const at = response.get('createdAt') as Date;
      await Promise.all([
        models.Conversation.updateOne(scope, {
          $set: { csat: { rating: input.rating, ...(input.comment ? { comment: input.comment } : {}), at } },
        }),
        // A survey after a ticket was solved rates that ticket too, on its timeline.
        input.ticketId ? rateTicket(models, input, at) : null,
        conversation?.contactId
          ? models.Contact.updateOne(
              { _id: conversation.contactId, workspaceId: input.workspaceId },
              { $set: { lastCsat: { rating: input.rating, at } } },
            )
          : null,
      ]);
      // The inbox shows the rating as it lands (a retried step tells them again: same conversation state).
      if (input.conversationId && conversation)
        await notifyAgents({
          workspaceId: input.workspaceId,
          conversationId: input.conversationId,
          change: 'updated',
        });
      return { recorded: true };
    },
  };
}

async function rateTicket(
  models: Models,
  input: ActivityTarget & { rating: number; comment?: string },
  at: Date,
) {
  const csat = { rating: input.rating, ...(input.comment ? { comment: input.comment } : {}), at };
  await models.Ticket.updateOne({ _id: input.ticketId, workspaceId: input.workspaceId }, { $set: { csat } });
  await recordTicketEvents(
    models,
    { workspaceId: input.workspaceId, ticketId: input.ticketId },
    input.idempotencyKey,
    { type: 'customer' },
    [{ kind: 'csat', to: input.rating, ...(input.comment ? { text: input.comment } : {}) }],
    at,
  );
}
