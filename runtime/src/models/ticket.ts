import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { growsWithHistory } from './query-audit';
import { revisioned } from './revision';
import { counted, countedFields } from './counted';
import { listKeys, sequenceFields } from './list-keys';
import { tenantScoped } from './tenant-scope';
import { ticketFacts } from './kpi-facts';
import { kpiNoted } from './kpi-noted';

export const TICKET_STATUSES = ['open', 'pending', 'solved', 'closed'] as const;
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TICKET_SOURCES = ['conversation', 'flow', 'offline-form', 'email', 'api', 'agent'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
export type TicketSource = (typeof TICKET_SOURCES)[number];

/** Sorting by priority sorts by this rank (the names sort alphabetically, not by urgency). */
export const PRIORITY_RANK: Record<TicketPriority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

/**
 * A ticket: work that outlives a chat. Every change goes through `changeTicket` (change-ticket.ts),
 * which records it on the ticket's timeline; flows create and update tickets through idempotent activities.
 */
export const ticketSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    conversationId: { type: Schema.Types.ObjectId },
    contactId: { type: Schema.Types.ObjectId },
    subject: { type: String, required: true },
    description: { type: String, default: '' },
    status: { type: String, enum: TICKET_STATUSES, default: 'open', required: true },
    priority: { type: String, enum: TICKET_PRIORITIES, default: 'normal', required: true },
    priorityRank: { type: Number, default: 1, required: true },
    source: { type: String, enum: TICKET_SOURCES, default: 'agent', required: true },
    assigneeId: { type: Schema.Types.ObjectId },
    teamId: { type: Schema.Types.ObjectId },
    tags: { type: [String], default: [] },
    /** Owner-defined scalar fields, by key. */
    customFields: { type: Schema.Types.Mixed, default: () => ({}) },
    /** The SLA policy the due dates came from. */
    slaPolicyId: { type: Schema.Types.ObjectId },
    firstResponseDueAt: { type: Date },
    resolutionDueAt: { type: Date },
    firstResponseAt: { type: Date },
    /** The first time it was reopened after being solved or closed; never cleared (analytics). */
    reopenedAt: { type: Date },
    solvedAt: { type: Date },
    closedAt: { type: Date },
    /** Set when a clock was met after its due time, so lists can filter on breaches without $expr. */
    firstResponseLate: { type: Boolean },
    resolutionLate: { type: Boolean },
    csat: {
      rating: { type: Number, min: 1, max: 5 },
      comment: { type: String },
      at: { type: Date },
    },
    /** The run a ticket-created flow started for this ticket. */
    flowRun: {
      flowId: { type: Schema.Types.ObjectId },
      version: { type: Number },
      workflowId: { type: String },
      status: { type: String, enum: ['running', 'ended', 'failed'] },
    },
    /**
     * The latest changes made (changeTicket), by key, with what each changed: written with the change
     * itself, so a flow step retried after its change landed but before its timeline entries did
     * still records them (once). Internal; never answered.
     */
    recentChanges: { type: [Schema.Types.Mixed], default: undefined },
    /**
     * `due` while a creation or change of the ticket has not yet been passed to its flows (the
     * ticket's run signalled, a ticket-created or ticket-updated run started); `dueFlowEvents` says
     * which. Both are written in the same write as the creation or change and cleared once the flows
     * have it, so an API that dies in between leaves them, and the hand-off sweeper passes them on.
     * A string so the few due tickets are one key lookup. Internal; never answered.
     */
    flowsDue: { type: String },
    dueFlowEvents: { type: [Schema.Types.Mixed], default: undefined },
    /** Every creation names its key (a flow step, or a request id for agents), so a retry creates nothing new. */
    idempotencyKey: { type: String, required: true, unique: true },
    ...sequenceFields,
    /** `<workspaceId>:<status>`: the working sets (open, pending) by equality. */
    statusKey: { type: String },
    ...countedFields,
  },
  { timestamps: true, minimize: false },
);
ticketSchema.plugin(tenantScoped);
ticketSchema.plugin(growsWithHistory);
// Agents and flow steps change one ticket at once; changeTicket decides from what it holds.
ticketSchema.plugin(revisioned);
ticketSchema.index({ workspaceId: 1, status: 1 });
ticketSchema.index({ workspaceId: 1, createdAt: -1 });
ticketSchema.index({ workspaceId: 1, assigneeId: 1, status: 1 });
// A contact's and a conversation's tickets are small sets: one equality lookup each.
ticketSchema.index({ workspaceId: 1, contactId: 1 });
ticketSchema.index({ workspaceId: 1, conversationId: 1 });
ticketSchema.index({ flowsDue: 1 });
/**
 * Lists (routes/tickets): every ticket in creation order (`page`/`seq`), and the working sets by
 * status (`statusKey` `<workspaceId>:open`), each read by equality whatever the history.
 */
listKeys(ticketSchema, {
  sequences: [{ page: 'page', seq: 'seq', list: () => 'tickets' }],
  derived: [
    { field: 'statusKey', from: 'status', key: (ws, status) => (status ? `${ws}:${String(status)}` : null) },
  ],
});
/** The ticket views' counts (GET /tickets/counts). */
counted(ticketSchema, { fields: ['status', 'assigneeId'], counts: (t) => ticketCounts(t) });

/** Service KPIs (analytics): its events are rolled up as they happen (kpi-noted.ts). */
kpiNoted(ticketSchema, {
  fields: ['status', 'solvedAt', 'closedAt', 'reopenedAt', 'firstResponseLate', 'resolutionLate', 'tags'],
  events: ticketFacts,
});

/**
 * Tickets are numbered from 1001 in each workspace: the ticket list's ordinal (`seq`, list-keys.ts)
 * plus this, so a number costs no write of its own and the ticket it names is one page-key lookup.
 */
export const TICKET_NUMBER_BASE = 1000;
export const ticketNumberOf = (seq: unknown) =>
  typeof seq === 'number' ? TICKET_NUMBER_BASE + seq : undefined;

/** The wire field for a ticket's number: absent until the ticket has its place in the list. */
export const ticketNumberField = (seq: unknown): { number?: number } => {
  const number = ticketNumberOf(seq);
  return number === undefined ? {} : { number };
};

/** The number a search names ("#1001", "1001"), or null when it is not one. */
export function searchedTicketNumber(q: string | undefined): number | null {
  const m = q?.trim().match(/^#?(\d{1,12})$/);
  const n = m ? Number(m[1]) : NaN;
  return n > TICKET_NUMBER_BASE ? n : null;
}

export const ACTIVE_TICKET_STATUSES = ['open', 'pending'] as const;

/** The counters a ticket is in: its status while open or pending, and whose it is then. */
export function ticketCounts(t: { status?: unknown; assigneeId?: unknown }): string[] {
  if (t.status !== 'open' && t.status !== 'pending') return [];
  return [
    `tickets.${t.status}`,
    t.assigneeId ? `tickets.active.assignee.${String(t.assigneeId)}` : 'tickets.active.unassigned',
  ];
}

export type TicketDoc = InferSchemaType<typeof ticketSchema>;
export const ticketModel = (conn: Connection) => conn.model('Ticket', ticketSchema);
