import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { tenantScoped } from './tenant-scope';

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
    lastMessageAt: { type: Date },
    /** When and by whom an agent resolved it (status closed); cleared on reopen. */
    resolvedAt: { type: Date },
    resolvedBy: { type: Schema.Types.ObjectId },
    /** A designer simulation's conversation: kept out of lists, queues and analytics. */
    test: { type: Boolean },
  },
  { timestamps: true },
);
conversationSchema.plugin(tenantScoped);
conversationSchema.index({ workspaceId: 1, contactId: 1, status: 1 });

export type ConversationDoc = InferSchemaType<typeof conversationSchema>;
export const conversationModel = (conn: Connection) => conn.model('Conversation', conversationSchema);
