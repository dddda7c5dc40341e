import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { tenantScoped } from './tenant-scope';

/**
 * A workspace's weekly PDF report, kept for download. `_id` is `<workspaceId>:<ISO week>`
 * (`…:2026-W49`), so rendering a week again finds it and never makes a second one.
 */
export const weeklyReportSchema = new Schema(
  {
    _id: { type: String, required: true },
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    /** ISO week, `YYYY-Www`; its days are the workspace's (time zone at rendering). */
    week: { type: String, required: true },
    from: { type: String, required: true },
    to: { type: String, required: true },
    pdf: { type: Buffer, required: true },
    pages: { type: Number, required: true },
    bytes: { type: Number, required: true },
    /** The score of the week, for the list (null: no data). */
    score: { type: Number, default: null },
    /**
     * The mail to owners: `due` until an activity takes it (`sending`, with `mailAt`), `sent` once
     * the SMTP server took it, `skipped` with no mail configured or no owner to send to.
     */
    mail: { type: String, required: true, default: 'due', enum: ['due', 'sending', 'sent', 'skipped'] },
    mailAt: { type: Date },
    mailedTo: { type: [String], default: undefined },
  },
  { timestamps: true },
);
weeklyReportSchema.plugin(tenantScoped);
weeklyReportSchema.index({ workspaceId: 1 });

export type WeeklyReportDoc = InferSchemaType<typeof weeklyReportSchema>;
export const weeklyReportModel = (conn: Connection) => conn.model('WeeklyReport', weeklyReportSchema);
export const weeklyReportId = (workspaceId: string, week: string) => `${workspaceId}:${week}`;
