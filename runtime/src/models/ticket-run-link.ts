import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { idForKey } from './insert-once';
import { growsWithHistory } from './query-audit';
import { tenantScoped } from './tenant-scope';

/**
 * A ticket's flow run that reads its conversation's customer messages (a survey asked after the
 * ticket was solved). One document per run and conversation, inserted when the run starts and
 * deleted when it ends: a document of its own, because FerretDB 1.x can lose one of two concurrent
 * updates of the same conversation document (a list on the conversation could lose a run). Only
 * running ticket runs are here, so the per-message lookup reads a small collection.
 */
export const ticketRunLinkSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    conversationId: { type: Schema.Types.ObjectId, required: true },
    workflowId: { type: String, required: true },
    idempotencyKey: { type: String, required: true, unique: true },
  },
  { timestamps: true },
);
ticketRunLinkSchema.plugin(tenantScoped);
ticketRunLinkSchema.plugin(growsWithHistory);
ticketRunLinkSchema.index({ workspaceId: 1, conversationId: 1 });

export type TicketRunLinkDoc = InferSchemaType<typeof ticketRunLinkSchema>;
export const ticketRunLinkModel = (conn: Connection) => conn.model('TicketRunLink', ticketRunLinkSchema);

/** The link's key: its _id is idForKey of it, so start and end find the same document. */
export function ticketRunLinkKey(conversationId: string, workflowId: string): string {
  return `ticket-run/${conversationId}/${workflowId}`;
}

export const ticketRunLinkId = (conversationId: string, workflowId: string) =>
  idForKey(ticketRunLinkKey(conversationId, workflowId));
