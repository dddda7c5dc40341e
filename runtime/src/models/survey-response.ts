import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { growsWithHistory } from './query-audit';
import { tenantScoped } from './tenant-scope';
import { surveyFacts } from './kpi-facts';
import { kpiNoted } from './kpi-noted';

/** One CSAT answer, as analytics reads it; written once per survey step (key-derived _id). */
export const surveyResponseSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    conversationId: { type: Schema.Types.ObjectId, required: true },
    contactId: { type: Schema.Types.ObjectId },
    rating: { type: Number, required: true, min: 1, max: 5 },
    comment: { type: String },
    idempotencyKey: { type: String, required: true, unique: true },
  },
  { timestamps: true },
);
surveyResponseSchema.plugin(tenantScoped);
surveyResponseSchema.plugin(growsWithHistory);
surveyResponseSchema.index({ workspaceId: 1, createdAt: -1 });
surveyResponseSchema.index({ workspaceId: 1, conversationId: 1 });
// A contact's ratings (the contact panel): one equality lookup.
surveyResponseSchema.index({ workspaceId: 1, contactId: 1 });

/** CSAT in the service KPIs (analytics): each answer is rolled up once (kpi-noted.ts). */
kpiNoted(surveyResponseSchema, { fields: ['rating'], events: surveyFacts });

export type SurveyResponseDoc = InferSchemaType<typeof surveyResponseSchema>;
export const surveyResponseModel = (conn: Connection) => conn.model('SurveyResponse', surveyResponseSchema);
