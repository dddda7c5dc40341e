import type { Types } from 'mongoose';
import { inboxKeyOf, type InboxState } from '../../models/inbox-keys';
import { defineMigration } from './define-migration';
import { forEachBatch } from './for-each-batch';

type Row = InboxState & { _id: Types.ObjectId; workspaceId: Types.ObjectId; assigneeId?: unknown; inboxKey?: unknown };

/**
 * Conversations stored before GET /inbox read them by key get `assigneeId` and `inboxKey`
 * (models/inbox-keys.ts). Only documents whose copies differ from their state are written, so a
 * second run changes nothing.
 */
export const conversationInboxKeys = defineMigration({
  id: '0001-conversation-inbox-keys',
  async up({ Conversation }) {
    let changed = 0;
    const seen = await forEachBatch(Conversation, {}, 500, async (batch) => {
      await Promise.all(
        (batch as unknown as Row[]).map(async (c) => {
          const assigneeId = c.assignee?.agentId ?? undefined;
          const inboxKey = inboxKeyOf(c);
          if (same(assigneeId, c.assigneeId) && same(inboxKey, c.inboxKey)) return;
          changed++;
          await Conversation.updateOne(
            { _id: c._id, workspaceId: c.workspaceId },
            {
              $set: { ...(assigneeId ? { assigneeId } : {}), ...(inboxKey ? { inboxKey } : {}) },
              $unset: { ...(assigneeId ? {} : { assigneeId: 1 }), ...(inboxKey ? {} : { inboxKey: 1 }) },
            },
          );
        }),
      );
    });
    return { seen, changed };
  },
});

const same = (a: unknown, b: unknown) => String(a ?? '') === String(b ?? '');
