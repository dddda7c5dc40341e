import type { FastifyInstance } from 'fastify';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { TriggerEvent } from '@kefu/nodes';
import {
  CONVERSATION_WORKFLOW,
  FLOW_SIGNALS,
  ticketUpdateWorkflowId,
  ticketWorkflowId,
  type ConversationFlowInput,
  type CustomerMessageSignal,
  type TicketFacts,
  type TicketUpdatedSignal,
} from '@kefu/schemas';
import { insertOnce, ticketNumberField, ticketRunLinkKey } from '../../models';
import { workspaceHours } from '../../models/workspace-hours';
import type { ActiveFlow } from './flow-versions';
import type { TicketRecord } from './ticket-wire';

/** Ticket fields as ticket-updated triggers name them. */
const TRIGGER_FIELD: Record<string, string> = { assigneeId: 'assignee', teamId: 'team' };

/**
 * How tickets reach flows. A new ticket starts the published ticket-created flow (one run per
 * ticket: its workflow id is the ticket's); a change signals that run and starts a matching
 * ticket-updated flow (one run per change). A run of a ticket with a conversation is listed on the
 * conversation, so the customer's replies there reach it (a survey waiting for a rating).
 */
export function ticketFlows(app: FastifyInstance) {
  const { Ticket, Conversation, Contact, TicketRunLink, Workspace } = app.models;

  /**
   * Starts the run, or with `update` signals it, starting it first if its start has not happened
   * yet (signal-with-start): a change made between choosing the flow and starting it is never lost.
   */
  async function startRun(
    ticket: TicketRecord,
    active: ActiveFlow,
    workflowId: string,
    update?: TicketUpdatedSignal,
  ): Promise<void> {
    const workspaceId = String(ticket.workspaceId);
    const ticketId = String(ticket._id);
    const [contact, conversation, workspace] = await Promise.all([
      ticket.contactId
        ? Contact.findOne({ _id: ticket.contactId, workspaceId }, { name: 1, email: 1, tags: 1 }).lean()
        : null,
      ticket.conversationId
        ? Conversation.findOne({ _id: ticket.conversationId, workspaceId }, { channel: 1 }).lean()
        : null,
      Workspace.findById(workspaceId, { timeZone: 1, businessHours: 1 }).lean(),
    ]);
    if (conversation)
      await insertOnce(TicketRunLink, {
        workspaceId,
        conversationId: conversation._id,
        workflowId,
        idempotencyKey: ticketRunLinkKey(String(conversation._id), workflowId),
      });
    const input: ConversationFlowInput = {
      workspaceId,
      ticketId,
      ...(conversation ? { conversationId: String(conversation._id) } : {}),
      flowId: active.flowId,
      version: active.version,
      flow: active.flow,
      facts: {
        ticket: ticketFacts(ticket),
        // Business-hours steps with no schedule of their own read the shop's hours from here.
        ...(workspace ? { workspace: workspaceHours(workspace) } : {}),
        ...(contact
          ? {
              contact: {
                id: String(contact._id),
                ...(contact.name ? { name: contact.name } : {}),
                ...(contact.email ? { email: contact.email } : {}),
                tags: contact.tags ?? [],
              },
            }
          : {}),
        ...(conversation
          ? {
              conversation: { id: String(conversation._id), channel: conversation.channel },
              channel: conversation.channel,
            }
          : {}),
      },
    };
    const options = {
      taskQueue: app.taskQueue,
      workflowId,
      args: [input] as [ConversationFlowInput],
      // A finished run is never started again by a repeated request or a late change: that would replay the flow.
      workflowIdReusePolicy: 'REJECT_DUPLICATE' as const,
    };
    try {
      if (update)
        await app.temporal.workflow.signalWithStart(CONVERSATION_WORKFLOW, {
          ...options,
          signal: FLOW_SIGNALS.ticketUpdated,
          signalArgs: [update],
        });
      else await app.temporal.workflow.start(CONVERSATION_WORKFLOW, options);
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }

  async function accepting(
    workspaceId: string,
    event: TriggerEvent,
    ticket: TicketRecord,
    changed?: string[],
  ) {
    const conversation = ticket.conversationId
      ? await Conversation.findOne({ _id: ticket.conversationId, workspaceId }, { channel: 1 }).lean()
      : null;
    const facts = {
      ...(conversation ? { channel: conversation.channel } : {}),
      ticket: { status: ticket.status, priority: ticket.priority, tags: ticket.tags ?? [] },
      ...(changed ? { changed } : {}),
    };
    return app.flowVersions.pick(workspaceId, event, facts);
  }

  return {
    /** Starts the ticket-created flow for a new ticket; answers the ticket with its run, or null when none. */
    async onCreated(ticket: TicketRecord): Promise<TicketRecord | null> {
      const workspaceId = String(ticket.workspaceId);
      const workflowId = ticketWorkflowId(String(ticket._id));
      let active: ActiveFlow | null;
      let current = ticket;
      if (ticket.flowRun?.flowId && ticket.flowRun.version) {
        // A retried open: the run was chosen before; make sure it started.
        active = await app.flowVersions.get(
          workspaceId,
          String(ticket.flowRun.flowId),
          ticket.flowRun.version,
        );
      } else {
        active = await accepting(workspaceId, 'ticket-created', ticket);
        if (!active) return null;
        const flowRun = { flowId: active.flowId, version: active.version, workflowId, status: 'running' };
        current =
          ((await Ticket.findOneAndUpdate(
            { _id: ticket._id, workspaceId, 'flowRun.workflowId': { $exists: false } },
            { $set: { flowRun } },
            { returnDocument: 'after' },
          ).lean()) as TicketRecord | null) ??
          ((await Ticket.findOne({ _id: ticket._id, workspaceId }).lean()) as TicketRecord);
      }
      // Temporal away: the caller keeps the creation due (tickets.ts), and a retry starts it.
      await startRun(current, active, workflowId);
      return current;
    },

    /** Tells the ticket's run about a change and starts a ticket-updated flow that wants it. */
    async onChanged(ticket: TicketRecord, fields: string[], changeKey: string): Promise<void> {
      const workspaceId = String(ticket.workspaceId);
      const ticketId = String(ticket._id);
      const changed = fields.map((f) => TRIGGER_FIELD[f] ?? f);
      const run = ticket.flowRun;
      if (run?.workflowId && run.flowId && run.version && run.status === 'running') {
        const signal: TicketUpdatedSignal = { changeKey, changed, ticket: ticketFacts(ticket) };
        const version = await app.flowVersions.get(workspaceId, String(run.flowId), run.version);
        await startRun(ticket, version, run.workflowId, signal);
      }
      const active = await accepting(workspaceId, 'ticket-updated', ticket, changed);
      if (active) await startRun(ticket, active, ticketUpdateWorkflowId(ticketId, changeKey));
    },

    /** Signals the customer's message to the ticket runs reading the conversation; drops ended ones. */
    async forwardCustomerMessage(workspaceId: string, conversationId: string, signal: CustomerMessageSignal) {
      const links = await TicketRunLink.find({ workspaceId, conversationId }, { workflowId: 1 }).lean();
      await Promise.all(
        links.map(({ _id, workflowId }) =>
          app.temporal.workflow
            .getHandle(workflowId)
            .signal(FLOW_SIGNALS.customerMessage, signal)
            .catch(async (err: unknown) => {
              if (!(err instanceof WorkflowNotFoundError)) throw err;
              await TicketRunLink.deleteOne({ _id, workspaceId });
            }),
        ),
      );
    },
  };
}

export function ticketFacts(t: TicketRecord): TicketFacts {
  return {
    id: String(t._id),
    ...ticketNumberField(t.seq),
    subject: t.subject,
    description: t.description ?? '',
    status: t.status,
    priority: t.priority,
    tags: t.tags ?? [],
    ...(t.assigneeId ? { assigneeId: String(t.assigneeId) } : {}),
    ...(t.teamId ? { teamId: String(t.teamId) } : {}),
    ...(t.firstResponseAt ? { firstResponseAt: new Date(t.firstResponseAt).toISOString() } : {}),
    ...(t.solvedAt ? { solvedAt: new Date(t.solvedAt).toISOString() } : {}),
  };
}
