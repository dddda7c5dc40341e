import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { growsWithHistory } from './query-audit';
import { tenantScoped } from './tenant-scope';

export const TICKET_EVENT_KINDS = ['created', 'changed', 'reply', 'note', 'first-response', 'csat'] as const;
export type TicketEventKind = (typeof TICKET_EVENT_KINDS)[number];

/**
 * One entry of a ticket's timeline: who changed what, from what to what, when. Written with a
 * key-derived _id (insertOnce), so a retried change or flow step records it once.
 */
export const ticketEventSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    ticketId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, enum: TICKET_EVENT_KINDS, required: true },
    actor: {
      type: { type: String, enum: ['user', 'flow', 'customer', 'system'], required: true },
      userId: { type: Schema.Types.ObjectId },
      runId: { type: String },
    },
    field: { type: String },
    from: { type: Schema.Types.Mixed },
    to: { type: Schema.Types.Mixed },
    text: { type: String },
    at: { type: Date, required: true },
    idempotencyKey: { type: String, required: true, unique: true },
  },
  // An empty object is a value a field can change from or to (custom fields): keep it.
  { timestamps: false, minimize: false },
);
ticketEventSchema.plugin(tenantScoped);
ticketEventSchema.plugin(growsWithHistory);
ticketEventSchema.index({ workspaceId: 1, ticketId: 1, at: 1 });

export type TicketEventDoc = InferSchemaType<typeof ticketEventSchema>;
export const ticketEventModel = (conn: Connection) => conn.model('TicketEvent', ticketEventSchema);
