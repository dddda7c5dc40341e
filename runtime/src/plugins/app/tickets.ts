import fp from 'fastify-plugin';
import { Types } from 'mongoose';
import type { CustomerMessageSignal } from '@kefu/schemas';
import type { TicketEventWire, TicketWire } from '@kefu/schemas/api';
import {
  PRIORITY_RANK,
  changeTicket,
  flowEventPassed,
  idForKey,
  insertOnce,
  ticketEventKey,
  toWireMessage,
  recordTicketEvents,
  slaDueDates,
  type DueFlowEvent,
  type TicketActorRef,
  type TicketChange,
  type TicketEventEntry,
  type TicketPriority,
  type TicketSource,
} from '../../models';
import { recordLastMessage } from '../../inbox/last-message';
import { KefuError } from '../../errors';
import { ticketFlows } from './ticket-flows';
// In clear: the routes mask the service's answers for their reader (ticketFor, ticketEventFor).
import { toWireTicket, toWireTicketEvent, type TicketRecord } from './ticket-wire';
import { CLEAR } from '../../privacy/pii-view';
import { faultPoint } from '../../faults';

export interface OpenTicketInput {
  workspaceId: string;
  contactId?: string;
  /** The conversation the ticket follows up; its contact becomes the ticket's when none is given. */
  conversationId?: string;
  subject: string;
  description?: string;
  priority?: TicketPriority;
  source: TicketSource;
  /** The same key opens the same ticket: a retried offline form or email makes no second one. */
  idempotencyKey: string;
  tags?: string[];
  assigneeId?: string;
  teamId?: string;
  customFields?: Record<string, string | number | boolean>;
  /** Who opened it; a customer (offline form, email) when absent. */
  actor?: TicketActorRef;
}

export type { TicketChange };

export interface Tickets {
  /**
   * Opens a ticket (once per idempotency key): SLA due dates from the workspace's default policy,
   * a `created` timeline entry, and the published ticket-created flow started for it.
   */
  open(input: OpenTicketInput): Promise<TicketWire>;
  /**
   * Changes a ticket, records each changed field on its timeline, and tells flows: the ticket's
   * run gets a signal, a matching ticket-updated flow starts. Null when the workspace has no such ticket.
   */
  change(workspaceId: string, ticketId: string, change: TicketChange, actor: TicketActorRef, key: string): Promise<TicketWire | null>;
  /** A public reply (the first one is the first response) or an internal note. */
  comment(
    workspaceId: string,
    ticketId: string,
    comment: { text: string; internal: boolean },
    actor: TicketActorRef,
    key: string,
  ): Promise<TicketEventWire | null>;
  /** Starts the ticket-created flow for a ticket opened elsewhere (a flow step); true when a run is on. */
  startCreatedFlow(workspaceId: string, ticketId: string): Promise<boolean>;
  /** Refuses (400, naming the body field) a contact, conversation, agent or team not of this workspace. */
  checkRefs(
    workspaceId: string,
    refs: { contactId?: string | null; conversationId?: string | null; assigneeId?: string | null; teamId?: string | null },
  ): Promise<void>;
  /** Hands a customer's message in a conversation to the ticket runs waiting on it (a survey). */
  customerMessage(workspaceId: string, conversationId: string, signal: CustomerMessageSignal): Promise<void>;
  /**
   * Passes a creation or change of the ticket to its flows, then it is no longer due: what a
   * process that died before doing so left (the hand-off sweeper's). Safe to repeat: runs start
   * once per ticket and per change, and the ticket's run takes each change key once.
   */
  passToFlows(ticket: TicketRecord, event: DueFlowEvent): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    tickets: Tickets;
  }
}

export default fp(
  async (app) => {
    const { Ticket, TicketEvent, Conversation, Contact, User, Team, Message } = app.models;
    const flows = ticketFlows(app);

    /** Names in one workspace must exist there: another workspace's id is as unknown as a made-up one. */
    async function checkRefs(workspaceId: string, refs: { contactId?: string | null; conversationId?: string | null; assigneeId?: string | null; teamId?: string | null }) {
      const [contact, conversation, assignee, team] = await Promise.all([
        refs.contactId ? Contact.exists({ _id: refs.contactId, workspaceId }) : true,
        refs.conversationId ? Conversation.findOne({ _id: refs.conversationId, workspaceId }, { contactId: 1 }).lean() : true,
        refs.assigneeId
          ? User.exists({ _id: refs.assigneeId, workspaceId, disabled: false, roles: { $in: ['agent', 'owner'] } })
          : true,
        refs.teamId ? Team.exists({ _id: refs.teamId, workspaceId }) : true,
      ]);
      if (!contact) throw new KefuError('KEFU_ERR_VALIDATION', 'No such contact in this workspace', 'body/contactId');
      if (!conversation) throw new KefuError('KEFU_ERR_VALIDATION', 'No such conversation in this workspace', 'body/conversationId');
      if (!assignee) throw new KefuError('KEFU_ERR_VALIDATION', 'No such agent in this workspace', 'body/assigneeId');
      if (!team) throw new KefuError('KEFU_ERR_VALIDATION', 'No such team in this workspace', 'body/teamId');
      return { conversation: conversation === true ? null : conversation };
    }

    async function replyInConversation(
      workspaceId: string,
      conversationId: string,
      ticketId: string,
      key: string,
      actor: TicketActorRef,
      text: string,
    ): Promise<void> {
      const conversation = await Conversation.findOne({ _id: conversationId, workspaceId }, { channel: 1 }).lean();
      if (!conversation) return;
      const doc = await insertOnce(Message, {
        workspaceId,
        conversationId,
        author: 'agent',
        ...(actor.userId ? { agentId: actor.userId } : {}),
        text,
        idempotencyKey: `ticket-reply/${ticketId}/${key}`,
      });
      const wire = toWireMessage(doc);
      app.liveClients.push(wire);
      await Promise.all([
        recordLastMessage(app.models, workspaceId, conversationId, { author: 'agent', text: doc.text, createdAt: doc.createdAt }),
        app.outbound.send({ id: conversationId, workspaceId, channel: conversation.channel }, wire),
      ]);
    }

    /**
     * The flows hear of a stored creation (its ticket-created run starts) or change (the ticket's
     * run is signalled, a ticket-updated run starts); then it is no longer due. Answers the ticket
     * with its run for a creation.
     */
    async function passToFlows(ticket: TicketRecord, event: DueFlowEvent): Promise<TicketRecord | null> {
      const started =
        event.kind === 'created'
          ? await flows.onCreated(ticket)
          : (await flows.onChanged(ticket, event.fields, event.key), null);
      await flowEventPassed(app.models, String(ticket.workspaceId), String(ticket._id), event);
      return started;
    }

    const tickets: Tickets = {
      async open(input) {
        const { workspaceId } = input;
        const { conversation } = await checkRefs(workspaceId, input);
        const contactId = input.contactId ?? (conversation?.contactId ? String(conversation.contactId) : undefined);
        const priority = input.priority ?? 'normal';
        const now = Date.now();
        const due = await slaDueDates(app.models, workspaceId, priority, now);
        // Due to its flows from the write that stores it (passToFlows clears it).
        const created: DueFlowEvent = { kind: 'created', at: new Date(now) };
        const doc = await insertOnce(Ticket, {
          workspaceId,
          idempotencyKey: `ticket/${workspaceId}/${input.idempotencyKey}`,
          subject: input.subject,
          description: input.description ?? '',
          priority,
          priorityRank: PRIORITY_RANK[priority],
          status: 'open',
          source: input.source,
          tags: input.tags ?? [],
          customFields: input.customFields ?? {},
          ...(contactId ? { contactId } : {}),
          ...(input.conversationId ? { conversationId: input.conversationId } : {}),
          ...(input.assigneeId ? { assigneeId: input.assigneeId } : {}),
          ...(input.teamId ? { teamId: input.teamId } : {}),
          ...due,
          flowsDue: 'due',
          dueFlowEvents: [created],
        });
        const ticket = doc.toObject() as TicketRecord;
        await recordTicketEvents(app.models, { workspaceId, ticketId: ticket._id }, 'created', input.actor ?? { type: 'customer' }, [
          { kind: 'created', to: { subject: ticket.subject, priority: ticket.priority, source: ticket.source } },
        ]);
        faultPoint('ticket-created');
        // A retry of the same open starts nothing twice: the run's id is the ticket's.
        const started = await passToFlows(ticket, created).catch(async (err: unknown) => {
          // The ticket is stored and stays due: a retried open or the sweeper starts its run.
          app.log.warn({ err, ticketId: String(ticket._id) }, 'ticket flow run not started yet');
          return (await Ticket.findOne({ _id: ticket._id, workspaceId }).lean()) as TicketRecord | null;
        });
        return toWireTicket(started ?? ticket, CLEAR);
      },

      async change(workspaceId, ticketId, change, actor, key) {
        if (!Types.ObjectId.isValid(ticketId)) return null;
        if (change.assigneeId || change.teamId) {
          // An unknown ticket is "not found" before its new assignee or team is checked.
          if (!(await Ticket.exists({ _id: ticketId, workspaceId }))) return null;
          await checkRefs(workspaceId, { assigneeId: change.assigneeId, teamId: change.teamId });
        }
        const changed = await changeTicket(app.models, { workspaceId, ticketId }, change, actor, key, [], { flowsDue: true });
        if (!changed) return null;
        const ticket = changed.ticket as unknown as TicketRecord;
        if (changed.fields.length === 0) return toWireTicket(ticket, CLEAR);
        faultPoint('ticket-changed');
        // The change is stored and due to its flows; a flow that cannot hear of it now (Temporal
        // away) must not turn it into an error: it stays due for the sweeper.
        const event: DueFlowEvent = { kind: 'changed', key, fields: changed.fields, at: new Date() };
        await passToFlows(ticket, event).catch((err: unknown) =>
          app.log.error({ err, ticketId }, 'ticket change not passed to its flows yet'),
        );
        return toWireTicket(ticket, CLEAR);
      },

      async comment(workspaceId, ticketId, comment, actor, key) {
        if (!Types.ObjectId.isValid(ticketId)) return null;
        const ticket = await Ticket.findOne(
          { _id: ticketId, workspaceId },
          { firstResponseAt: 1, firstResponseDueAt: 1, conversationId: 1 },
        ).lean();
        if (!ticket) return null;
        // A public reply on a ticket with a conversation reaches the customer there (widget, email, API).
        if (!comment.internal && actor.type === 'user' && ticket.conversationId)
          await replyInConversation(workspaceId, String(ticket.conversationId), ticketId, key, actor, comment.text);
        const now = new Date();
        const entries: TicketEventEntry[] = [{ kind: comment.internal ? 'note' : 'reply', text: comment.text }];
        let first = false;
        if (!comment.internal && actor.type === 'user' && !ticket.firstResponseAt) {
          // Conditional: of two replies racing, one is the first response.
          const late = ticket.firstResponseDueAt ? now > new Date(ticket.firstResponseDueAt) : false;
          const result = await Ticket.updateOne(
            { _id: ticketId, workspaceId, firstResponseAt: { $exists: false } },
            {
              $set: { firstResponseAt: now, firstResponseLate: late, flowsDue: 'due' },
              $push: { dueFlowEvents: { kind: 'changed', key, fields: ['firstResponseAt'], at: now } },
            },
          );
          first = result.modifiedCount > 0;
          if (first) entries.push({ kind: 'first-response', to: now.toISOString() });
        }
        await recordTicketEvents(app.models, { workspaceId, ticketId }, key, actor, entries, now);
        const event = await TicketEvent.findOne({
          _id: idForKey(ticketEventKey(ticketId, key, entries[0] as TicketEventEntry)),
          workspaceId,
        }).lean();
        if (first) {
          const updated = (await Ticket.findOne({ _id: ticketId, workspaceId }).lean()) as TicketRecord | null;
          if (updated)
            await passToFlows(updated, { kind: 'changed', key, fields: ['firstResponseAt'], at: now }).catch((err: unknown) =>
              app.log.error({ err, ticketId }, 'first response not passed to its flows yet'),
            );
        }
        return event ? toWireTicketEvent(event, CLEAR) : null;
      },

      async startCreatedFlow(workspaceId, ticketId) {
        const ticket = (await Ticket.findOne({ _id: ticketId, workspaceId }).lean()) as TicketRecord | null;
        if (!ticket) return false;
        // Opened by a flow step, which retries it: no mark, and a start Temporal refused now is not an error here.
        return (
          (await flows.onCreated(ticket).catch((err: unknown) => {
            app.log.warn({ err, ticketId }, 'ticket flow run not started yet');
            return ticket.flowRun?.workflowId ? ticket : null;
          })) !== null
        );
      },

      async checkRefs(workspaceId, refs) {
        await checkRefs(workspaceId, refs);
      },

      async customerMessage(workspaceId, conversationId, signal) {
        await flows.forwardCustomerMessage(workspaceId, conversationId, signal);
      },

      async passToFlows(ticket, event) {
        await passToFlows(ticket, event);
      },
    };
    app.decorate('tickets', tickets);
  },
  { name: 'tickets', dependencies: ['db', 'temporal', 'flow-versions', 'live-clients', 'outbound'] },
);

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
