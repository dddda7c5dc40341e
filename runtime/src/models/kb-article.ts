import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { questionKey, type KbArticle } from '../kb/article';
import { tenantScoped } from './tenant-scope';

/** A knowledge-base article; the matcher (`@kefu/runtime/kb`) indexes a workspace's enabled ones. */
export const kbArticleSchema = new Schema(
  {
    workspaceId: { type: Schema.Types.ObjectId, required: true },
    question: { type: String, required: true, maxlength: 500 },
    /** `questionKey(question)`: the unique index keeps one article per question per workspace. */
    questionKey: { type: String, required: true },
    phrasings: { type: [String], default: [] },
    /** Stored as the owner wrote it; rendered as inert text with links, never as HTML. */
    answer: { type: String, required: true, maxlength: 10_000 },
    tags: { type: [String], default: [] },
    locale: { type: String, required: true, default: 'zh-CN' },
    enabled: { type: Boolean, required: true, default: true },
  },
  { timestamps: true },
);
kbArticleSchema.plugin(tenantScoped);
kbArticleSchema.index({ workspaceId: 1, questionKey: 1 }, { unique: true });
kbArticleSchema.pre('validate', function () {
  if (this.question) this.questionKey = questionKey(this.question);
});

export type KbArticleDoc = InferSchemaType<typeof kbArticleSchema>;
export const kbArticleModel = (conn: Connection) => conn.model('KbArticle', kbArticleSchema);

/** The matcher's view of a stored article. */
export function toKbArticle(doc: KbArticleDoc & { _id: unknown }): KbArticle {
  return {
    id: String(doc._id),
    question: doc.question,
    phrasings: [...doc.phrasings],
    answer: doc.answer,
    tags: [...doc.tags],
    locale: doc.locale,
    enabled: doc.enabled,
  };
}
