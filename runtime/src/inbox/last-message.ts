import type { Models } from '../models';

/** How much of the text the inbox list shows. */
export const PREVIEW_CHARS = 200;

/**
 * Keeps the conversation's inbox summary with a customer's or an agent's message: lastMessageAt and
 * the preview move forward only (a late write of an older message changes neither), and
 * lastCustomerAt tells the inbox whether an agent can have anything unread. One update, by _id.
 */
export async function recordLastMessage(
  models: Models,
  workspaceId: string,
  conversationId: string,
  message: { author: 'customer' | 'agent'; text: string; createdAt: Date },
): Promise<void> {
  const at = message.createdAt;
  const customer = message.author === 'customer' ? { $max: { lastCustomerAt: at } } : {};
  const newer = await models.Conversation.updateOne(
    {
      _id: conversationId,
      workspaceId,
      $or: [{ lastMessageAt: { $exists: false } }, { lastMessageAt: null }, { lastMessageAt: { $lte: at } }],
    },
    {
      $set: { lastMessageAt: at, lastMessage: { author: message.author, text: message.text.slice(0, PREVIEW_CHARS), at } },
      ...customer,
    },
  );
  if (newer.matchedCount === 0 && message.author === 'customer')
    await models.Conversation.updateOne({ _id: conversationId, workspaceId }, customer);
}
