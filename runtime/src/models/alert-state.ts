import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { ALERT_RULES } from '@kefu/schemas/api';
import { tenantScoped } from './tenant-scope';

/**
 * Where one alert rule of a workspace stands (`<workspaceId>:<rule>`). It moves only by
 * `transition` with the state and streak it was decided from, so of two evaluators that saw the
 * same change one writes it and only that one sends the notice. `notice` is due from that write
 * until the notice went out: an evaluator that died in between leaves it for the next pass.
 */
export const alertStateSchema = new Schema(
  {
    _id: { type: String, required: true },
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    rule: { type: String, enum: ALERT_RULES, required: true },
    state: { type: String, enum: ['firing', 'resolved'], required: true },
    /** Evaluations in a row that disagreed with `state` (alert-decision.ts). */
    streak: { type: Number, required: true, default: 0 },
    since: { type: Date, required: true },
    detail: { type: String, default: '' },
    /** Set by the write that changed `state`; unset once the notice was sent. */
    notice: { type: String, enum: ['fired', 'resolved', null], default: null },
    /** Changes that ever happened: a rule never fired has none and is not shown. */
    changes: { type: Number, required: true, default: 0 },
  },
  { timestamps: true },
);
alertStateSchema.plugin(tenantScoped);
alertStateSchema.index({ workspaceId: 1 });

export type AlertStateDoc = InferSchemaType<typeof alertStateSchema>;
export const alertStateModel = (conn: Connection) => conn.model('AlertState', alertStateSchema);
