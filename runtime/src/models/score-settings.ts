import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { DEFAULT_SCORE_SETTINGS, SCORE_KPI_NAMES, type ScoreSettings } from '@kefu/schemas/api';
import { tenantScoped } from './tenant-scope';

/**
 * A workspace's service score: which KPIs weigh how much and their targets (schemas/src/api/
 * service-score.ts defines the score). One document per workspace; absent, the default applies.
 */
export const scoreSettingsSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    kpis: {
      type: [
        new Schema(
          {
            kpi: { type: String, required: true, enum: SCORE_KPI_NAMES },
            weight: { type: Number, required: true },
            target: { type: Number, required: true },
          },
          { _id: false },
        ),
      ],
      required: true,
    },
  },
  { timestamps: true },
);
scoreSettingsSchema.plugin(tenantScoped);
scoreSettingsSchema.index({ workspaceId: 1 }, { unique: true });

export type ScoreSettingsDoc = InferSchemaType<typeof scoreSettingsSchema>;
export const scoreSettingsModel = (conn: Connection) => conn.model('ScoreSettings', scoreSettingsSchema);

/** The settings as the API answers them: the stored ones, or the default for a new workspace. */
export function scoreSettingsOf(doc: Pick<ScoreSettingsDoc, 'kpis'> | null): ScoreSettings {
  if (!doc?.kpis?.length) return DEFAULT_SCORE_SETTINGS;
  return {
    kpis: doc.kpis.map((k) => ({
      kpi: k.kpi as ScoreSettings['kpis'][number]['kpi'],
      weight: k.weight,
      target: k.target,
    })),
  };
}
