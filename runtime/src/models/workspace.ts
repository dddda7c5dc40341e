import { Schema, type Connection, type InferSchemaType } from 'mongoose';

export const workspaceSchema = new Schema(
  {
    name: { type: String, required: true },
    /** Public id the widget snippet carries; never a secret. */
    publicKey: { type: String, required: true, unique: true },
    /**
     * publicKey in lower case: mail systems lower-case addresses, and the store can look up only an
     * exact value (no case-insensitive index on the embedded store). Set from publicKey on insert.
     */
    mailKey: { type: String },
    /**
     * Sites (lower-case origins, scheme://host[:port]) that may embed the widget. Empty or absent:
     * any site. Enforced by the chat page's frame-ancestors and the widget socket's Origin check.
     */
    widgetOrigins: { type: [String], default: undefined },
    /**
     * Days closed conversations, solved tickets and ended runs are kept (privacy/retention.ts);
     * absent: kept forever.
     */
    retentionDays: { type: Number },
    /** How far each list's retention sweep has got: the ordinal it goes on after. */
    retentionCursors: { type: Schema.Types.Mixed },
    /** IANA time zone for business hours and reports. */
    timeZone: { type: String, required: true, default: 'UTC' },
    /**
     * The shop's weekly opening hours and holidays, read in `timeZone`: what a business-hours step
     * with no schedule of its own and an SLA policy with no hours of its own count. Absent: none set.
     */
    businessHours: {
      type: new Schema(
        {
          schedule: { type: [{ day: String, open: String, close: String, _id: false }], default: [] },
          holidays: { type: [String], default: [] },
        },
        { _id: false },
      ),
      required: false,
    },
    /**
     * The default SLA policy (sla-default.ts): new tickets are dated by it. null: none. Absent: not
     * set since this field came, and the policy flagged isDefault is the default.
     */
    defaultSlaPolicyId: { type: Schema.Types.ObjectId },
  },
  { timestamps: true },
);

workspaceSchema.index({ mailKey: 1 });
workspaceSchema.pre('validate', function () {
  this.mailKey = this.publicKey?.toLowerCase();
});

export type WorkspaceDoc = InferSchemaType<typeof workspaceSchema>;
export const workspaceModel = (conn: Connection) => conn.model('Workspace', workspaceSchema);
