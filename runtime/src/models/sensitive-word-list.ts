import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { SENSITIVE_ACTIONS } from '@kefu/schemas/api';
import { tenantScoped } from './tenant-scope';

/** A workspace's sensitive words (schemas/src/api/sensitive-words.ts), one document per workspace. */
export const sensitiveWordListSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    categories: {
      type: [
        new Schema(
          {
            key: { type: String, required: true },
            name: { type: String, required: true },
            action: { type: String, enum: SENSITIVE_ACTIONS, required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    words: {
      type: [
        new Schema(
          { text: { type: String, required: true }, category: { type: String, required: true } },
          { _id: false },
        ),
      ],
      default: [],
    },
  },
  { timestamps: true },
);
sensitiveWordListSchema.plugin(tenantScoped);
sensitiveWordListSchema.index({ workspaceId: 1 }, { unique: true });

export type SensitiveWordListDoc = InferSchemaType<typeof sensitiveWordListSchema>;
export const sensitiveWordListModel = (conn: Connection) =>
  conn.model('SensitiveWordList', sensitiveWordListSchema);
