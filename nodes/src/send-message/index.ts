import { defineNode } from '../define-node';
import { sendMessageSchema, type SendMessageConfig } from './schema';

/** Sends one bot message to the customer. */
export const sendMessage = defineNode<SendMessageConfig, 'next'>({
  kind: 'send-message',
  category: 'message',
  schema: sendMessageSchema,
  waits: false,
  editor: {
    label: { en: 'Send message', zh: '发送消息' },
    description: { en: 'Sends a message to the customer.', zh: '向客户发送一条消息。' },
    icon: 'send',
    ports: [{ name: 'next', label: { en: 'next', zh: '下一步' }, required: false }],
  },
  run: async (ctx) => {
    await ctx.act.sendMessage({ text: ctx.render(ctx.config.text) });
    return { port: 'next' };
  },
});
