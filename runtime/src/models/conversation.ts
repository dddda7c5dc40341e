import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { growsWithHistory } from './query-audit';
import { inboxKeysKept } from './inbox-keys';
import { listKeys, sequenceFields } from './list-keys';
import { tenantScoped } from './tenant-scope';
import { conversationFacts } from './kpi-facts';
import { kpiNoted } from './kpi-noted';

export const conversationSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    contactId: { type: Schema.Types.ObjectId, required: true },
    channel: { type: String, enum: ['web', 'email', 'api'], required: true },
    status: { type: String, enum: ['open', 'closed'], default: 'open', required: true },
    /** The flow run that handles this conversation; pinned to the version it started on. */
    flowRun: {
      flowId: { type: Schema.Types.ObjectId },
      version: { type: Number },
      workflowId: { type: String },
      status: { type: String, enum: ['running', 'ended', 'failed'] },
    },
    /** The customer's latest satisfaction rating of this conversation. */
    csat: {
      rating: { type: Number, min: 1, max: 5 },
      comment: { type: String },
      at: { type: Date },
    },
    /** Set when the flow could not go on: the conversation waits in the human queue. */
    handoff: {
      reason: { type: String },
      at: { type: Date },
    },
    /** The agent who accepted the conversation (through a route-to-team offer or the inbox). */
    assignee: {
      agentId: { type: Schema.Types.ObjectId },
      teamId: { type: Schema.Types.ObjectId },
      offerId: { type: Schema.Types.ObjectId },
      /** The AgentSlot holder of this assignment (an offer's key, or the inbox's for a direct take). */
      holder: { type: String },
      at: { type: Date },
    },
    /** `assignee.agentId` at the top level, where the store can look it up (inbox-keys.ts). */
    assigneeId: { type: Schema.Types.ObjectId },
    /**
     * Where the open conversation sits in the inbox, so GET /inbox reads only what it shows: its
     * agent's id while assigned, its team's id while it waits in that team's queue, the workspace's
     * id while a failed step handed it to a person without a team; absent when closed or with the
     * bot. Every writer of status, assignee, teamId or handoff keeps it (inbox-keys.ts).
     */
    inboxKey: { type: Schema.Types.ObjectId },
    /** The team whose queue holds the conversation (set by routing and escalation). */
    teamId: { type: Schema.Types.ObjectId },
    /** Raised by an escalate step; the inbox sorts by it. */
    priority: { type: String, enum: ['low', 'normal', 'high', 'urgent'] },
    /** The latest escalation, for the inbox to show and supervisors to be told about. */
    escalation: {
      note: { type: String },
      notifySupervisor: { type: Boolean },
      at: { type: Date },
      /** The flow step that escalated: a retried step does not move `at`. */
      key: { type: String },
    },
    /** When the customer or an agent last wrote (bot replies follow within moments and are left out). */
    lastMessageAt: { type: Date },
    /** That message, its text cut for the inbox list (last-message.ts). */
    lastMessage: {
      author: { type: String, enum: ['customer', 'agent'] },
      text: { type: String },
      at: { type: Date },
    },
    /** The customer's latest message: the inbox counts unread messages only when it is after a read mark. */
    lastCustomerAt: { type: Date },
    /** When and by whom an agent resolved it (status closed); cleared on reopen. */
    resolvedAt: { type: Date },
    resolvedBy: { type: Schema.Types.ObjectId },
    /**
     * `due` from the write that resolves the conversation until its run has been told: an API
     * that dies in between leaves it, and the hand-off sweeper tells the run (the resolution's
     * agent and time are resolvedBy and resolvedAt). A string so the few due are one key lookup.
     */
    resolvedSignal: { type: String },
    /** The latest transfer by hand (who, when, to whom), written with the move. */
    transfer: {
      by: { type: Schema.Types.ObjectId },
      at: { type: Date },
      toAgentId: { type: Schema.Types.ObjectId },
      toTeamId: { type: Schema.Types.ObjectId },
    },
    /** `due` from the move until the run has been told of `transfer`, as resolvedSignal is. */
    transferSignal: { type: String },
    /** The first reply by a person (inbox-replies); never cleared. */
    firstResponseAt: { type: Date },
    /** The first time it was resolved, by an agent or closed by its flow; never cleared (analytics). */
    firstResolvedAt: { type: Date },
    /** The first time it was reopened after a resolution; never cleared (analytics). */
    reopenedAt: { type: Date },
    /**
     * The branches its flow's random splits took, `<flowId>:<version>:<nodeId>:<port>` in the order
     * taken (the first per node counts), written by the worker with the run's steps (analytics).
     */
    splits: { type: [String], default: undefined },
    /** A designer simulation's conversation: kept out of lists, queues and analytics. */
    test: { type: Boolean },
    ...sequenceFields,
    /** `<workspaceId>:<status>`: the open conversations by equality. */
    statusKey: { type: String },
  },
  { timestamps: true },
);
conversationSchema.plugin(tenantScoped);
conversationSchema.plugin(growsWithHistory);
conversationSchema.index({ workspaceId: 1, contactId: 1, status: 1 });
conversationSchema.index({ workspaceId: 1, inboxKey: 1 });
conversationSchema.index({ workspaceId: 1, assigneeId: 1 });
conversationSchema.index({ resolvedSignal: 1 });
conversationSchema.index({ transferSignal: 1 });
conversationSchema.plugin(inboxKeysKept);
/**
 * Lists (routes/conversations): the shop's conversations in creation order (`page`/`seq`; a
 * designer simulation's are in none), and the open ones by `statusKey` `<workspaceId>:open`.
 */
listKeys(conversationSchema, {
  sequences: [{ page: 'page', seq: 'seq', list: (c) => (c.test ? null : 'conversations') }],
  derived: [
    { field: 'statusKey', from: 'status', key: (ws, status) => (status ? `${ws}:${String(status)}` : null) },
  ],
});

/** Service KPIs (analytics): its events are rolled up as they happen (kpi-noted.ts). */
kpiNoted(conversationSchema, {
  fields: [
    'status',
    'teamId',
    'handoff',
    'assignee',
    'assigneeId',
    'firstResponseAt',
    'firstResolvedAt',
    'reopenedAt',
    'splits',
  ],
  events: conversationFacts,
});

export type ConversationDoc = InferSchemaType<typeof conversationSchema>;
export const conversationModel = (conn: Connection) => conn.model('Conversation', conversationSchema);
