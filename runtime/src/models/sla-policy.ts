import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { tenantScoped } from './tenant-scope';

const target = {
  firstResponseMinutes: { type: Number },
  resolutionMinutes: { type: Number },
};

/** First-response and resolution targets per priority; the default policy applies to new tickets. */
export const slaPolicySchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    isDefault: { type: Boolean, default: false, required: true },
    targets: { low: target, normal: target, high: target, urgent: target },
    businessHoursOnly: { type: Boolean, default: false, required: true },
    /** Weekly schedule, holidays and time zone (the business-hours node's config shape). */
    businessHours: { type: Schema.Types.Mixed },
  },
  { timestamps: true },
);
slaPolicySchema.plugin(tenantScoped);
slaPolicySchema.index({ workspaceId: 1, isDefault: 1 });

export type SlaPolicyDoc = InferSchemaType<typeof slaPolicySchema>;
export const slaPolicyModel = (conn: Connection) => conn.model('SlaPolicy', slaPolicySchema);
