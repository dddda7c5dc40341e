import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { growsWithHistory } from './query-audit';
import { tenantScoped } from './tenant-scope';

/** One node the run passed through: when, which way it left, and why. */
export const runStepSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    runId: { type: String, required: true },
    /** 1, 2, 3… in the order the run took them; (runId, step) is written once however often it is retried. */
    step: { type: Number, required: true },
    nodeId: { type: String, required: true },
    nodeType: { type: String, required: true },
    enteredAt: { type: Date, required: true },
    leftAt: { type: Date, required: true },
    /** The port it left by; null when the run ended here. */
    port: { type: String, default: null },
    decision: { type: String },
    /** The decision's reason as data (StepWhy, bounded by the interpreter); absent in older runs. */
    why: { type: Schema.Types.Mixed },
    error: { type: String },
  },
  { versionKey: false },
);
runStepSchema.plugin(tenantScoped);
// A workspace backup reads its documents by this (runtime/src/backup).
runStepSchema.index({ workspaceId: 1 });
runStepSchema.plugin(growsWithHistory);
runStepSchema.index({ runId: 1, step: 1 }, { unique: true });

export type RunStepDoc = InferSchemaType<typeof runStepSchema>;
export const runStepModel = (conn: Connection) => conn.model('RunStep', runStepSchema);
