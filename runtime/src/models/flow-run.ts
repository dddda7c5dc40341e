import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { growsWithHistory } from './query-audit';
import { listKeys, sequenceFields } from './list-keys';
import { tenantScoped } from './tenant-scope';

/** One run of a flow for one conversation, across continue-as-new (keyed by the run chain). */
export const flowRunSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    /** Temporal's first execution run id of the chain: stable for the life of the run. */
    runId: { type: String, required: true, unique: true },
    workflowId: { type: String, required: true },
    flowId: { type: Schema.Types.ObjectId, required: true },
    version: { type: Number, required: true },
    /** Absent for a run of a ticket without a conversation. */
    conversationId: { type: Schema.Types.ObjectId },
    /** The ticket that started the run (ticket-created / ticket-updated flows). */
    ticketId: { type: Schema.Types.ObjectId },
    contactId: { type: Schema.Types.ObjectId },
    status: { type: String, enum: ['running', 'completed', 'failed'], required: true },
    startedAt: { type: Date, required: true },
    endedAt: { type: Date },
    /** Where the run is now (or ended); null once completed. */
    currentNodeId: { type: String },
    /** Steps recorded so far; a flush only moves the run forward, never back. */
    steps: { type: Number, required: true, default: 0 },
    failure: {
      nodeId: { type: String },
      reason: { type: String },
    },
    /** A designer simulation of a draft (version 0): listed only when asked for. */
    test: { type: Boolean },
    /**
     * What the run explorer filters on (routes/runs), written with the run's history (the worker's
     * run-history.ts); runs recorded before these existed carry none and match no such filter.
     * The conversation's channel and the contact's tags when the run started, the keys of the teams
     * it handed to, and the node it ended on.
     */
    channel: { type: String },
    tags: { type: [String], default: undefined },
    teams: { type: [String], default: undefined },
    endNodeId: { type: String },
    ...sequenceFields,
    /** The run's page key and ordinal in its flow's list. */
    flowPage: { type: String },
    flowSeq: { type: Number },
  },
  { timestamps: true },
);
flowRunSchema.plugin(tenantScoped);
flowRunSchema.plugin(growsWithHistory);
flowRunSchema.index({ workspaceId: 1, startedAt: -1 });
flowRunSchema.index({ workspaceId: 1, flowId: 1, version: 1, startedAt: -1 });
flowRunSchema.index({ workspaceId: 1, contactId: 1, startedAt: -1 });
// A conversation's runs (the designer's simulation reads its run by its conversation).
flowRunSchema.index({ workspaceId: 1, conversationId: 1, startedAt: -1 });
/**
 * Lists (routes/runs): the workspace's runs and each flow's runs in the order they were recorded;
 * simulations in lists of their own.
 */
const runList = (r: Record<string, unknown>) => (r.test ? 'runs.test' : 'runs');
listKeys(flowRunSchema, {
  sequences: [
    { page: 'page', seq: 'seq', list: runList },
    {
      page: 'flowPage',
      seq: 'flowSeq',
      list: (r) => (r.flowId ? `${runList(r)}@${String(r.flowId)}` : null),
    },
  ],
});

export type FlowRunDoc = InferSchemaType<typeof flowRunSchema>;
export const flowRunModel = (conn: Connection) => conn.model('FlowRun', flowRunSchema);
