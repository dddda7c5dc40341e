import type { FastifyInstance } from 'fastify';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { CONVERSATION_WORKFLOW, resolvedWorkflowId, type ConversationFlowInput } from '@kefu/schemas';
import { insertOnce, ticketRunLinkKey } from '../models';
import { workspaceHours } from '../models/workspace-hours';

/**
 * Starts the conversation-resolved flow a resolution picks (the lineup, docs/triggers.md), if any.
 * Called from `tellRunResolved`, before the resolution stops being due, so the hand-off sweeper
 * retries a start lost to a crash; the workflow id (conversation + resolution time) makes the retry
 * start nothing twice. The run is linked to the conversation as a ticket's run is, so a survey it
 * asks hears the customer's reply.
 */
export async function startResolvedFlow(
  app: FastifyInstance,
  workspaceId: string,
  conversationId: string,
  agentId: string,
  at: Date,
): Promise<void> {
  const { Conversation, Contact, Flow, User, Workspace, TicketRunLink } = app.models;
  // Most shops have no resolved flow: one key lookup spares every resolution the four reads below.
  const anyLive = await Flow.exists({
    workspaceId,
    trigger: 'conversation-resolved',
    activeVersion: { $exists: true },
  });
  if (!anyLive) return;
  const conversation = await Conversation.findOne(
    { _id: conversationId, workspaceId },
    { channel: 1, contactId: 1 },
  ).lean();
  if (!conversation) return;
  const [contact, agent, workspace] = await Promise.all([
    conversation.contactId
      ? Contact.findOne(
          { _id: conversation.contactId, workspaceId },
          { name: 1, email: 1, phone: 1, tags: 1, attributes: 1 },
        ).lean()
      : null,
    User.findOne({ _id: agentId, workspaceId }, { name: 1 }).lean(),
    Workspace.findById(workspaceId, { timeZone: 1, businessHours: 1 }).lean(),
  ]);
  const contactFacts = {
    ...(contact ? { id: String(contact._id) } : {}),
    ...(contact?.name ? { name: contact.name } : {}),
    ...(contact?.email ? { email: contact.email } : {}),
    ...(contact?.phone ? { phone: contact.phone } : {}),
    tags: contact?.tags ?? [],
    attributes: (contact?.attributes as Record<string, unknown> | undefined) ?? {},
  };
  const channel = conversation.channel;
  // The first live resolved flow (in the owner's order) whose filters take this resolution.
  const active = await app.flowVersions.pick(workspaceId, 'conversation-resolved', {
    channel,
    contact: contactFacts,
  });
  if (!active) return;
  const workflowId = resolvedWorkflowId(conversationId, at.getTime());
  await insertOnce(TicketRunLink, {
    workspaceId,
    conversationId,
    workflowId,
    idempotencyKey: ticketRunLinkKey(conversationId, workflowId),
  });
  const input: ConversationFlowInput = {
    workspaceId,
    conversationId,
    flowId: active.flowId,
    version: active.version,
    flow: active.flow,
    facts: {
      channel,
      conversation: { id: conversationId, channel, resolvedAt: at.toISOString() },
      contact: contactFacts,
      resolvedBy: { id: agentId, ...(agent?.name ? { name: agent.name } : {}) },
      ...(workspace ? { workspace: workspaceHours(workspace) } : {}),
    },
  };
  try {
    await app.temporal.workflow.start(CONVERSATION_WORKFLOW, {
      taskQueue: app.taskQueue,
      workflowId,
      args: [input],
      // A finished run is never started again by a repeated hand-off: that would replay the flow.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}
