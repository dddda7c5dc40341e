import { defineNode } from '../define-node';
import { waitForReplySchema, type WaitForReplyConfig } from './schema';

/** Waits durably for the customer's next message. */
export const waitForReply = defineNode<WaitForReplyConfig, 'received' | 'timeout'>({
  kind: 'wait-for-reply',
  category: 'message',
  schema: waitForReplySchema,
  waits: true,
  editor: {
    label: { en: 'Wait for reply', zh: '等待回复' },
    description: { en: "Waits for the customer's next message.", zh: '等待客户的下一条消息。' },
    icon: 'hourglass',
    ports: [
      { name: 'received', label: { en: 'received', zh: '已回复' }, required: true },
      { name: 'timeout', label: { en: 'timeout', zh: '超时' }, required: false },
    ],
  },
  defines: (config, port) => (port === 'received' && config.saveAs ? [config.saveAs] : []),
  run: async (ctx) => {
    const timeoutMs = ctx.config.timeoutMinutes === undefined ? undefined : ctx.config.timeoutMinutes * 60_000;
    const reply = await ctx.waitForCustomerMessage(timeoutMs);
    if (!reply) return { port: 'timeout', decision: `no reply within ${ctx.config.timeoutMinutes} min` };
    if (ctx.config.saveAs) ctx.vars[ctx.config.saveAs] = reply.text;
    return { port: 'received' };
  },
});
