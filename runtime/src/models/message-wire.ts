import type { Message } from '@kefu/schemas';
import type { HydratedDocument } from 'mongoose';
import type { MessageDoc } from './message';

/** The message as every client receives it. */
export function toWireMessage(doc: HydratedDocument<MessageDoc> | (MessageDoc & { _id: unknown })): Message {
  return {
    id: String(doc._id),
    conversationId: String(doc.conversationId),
    author: doc.author,
    text: doc.text,
    createdAt: new Date(doc.createdAt).toISOString(),
    ...(doc.clientMessageId ? { clientMessageId: doc.clientMessageId } : {}),
    ...(doc.kb?.articleId ? { kbArticleId: String(doc.kb.articleId) } : {}),
    ...(doc.quickReplies?.length
      ? {
          quickReplies: doc.quickReplies.map((q) => ({
            label: q.label,
            ...(q.value ? { value: q.value } : {}),
          })),
        }
      : {}),
    ...(doc.offlineForm ? { offlineForm: true } : {}),
  };
}
