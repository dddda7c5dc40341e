import { defineNode } from '../define-node';
import { NEXT_PORT } from '../ports';
import { checkQuickReplies } from './compile';
import { sendMessageSchema, type SendMessageConfig } from './schema';

/** Sends one bot message to the customer, optionally with quick-reply buttons. */
export const sendMessage = defineNode<SendMessageConfig, 'next'>({
  kind: 'send-message',
  category: 'message',
  schema: sendMessageSchema,
  waits: false,
  editor: {
    label: { en: 'Send message', zh: '发送消息' },
    description: { en: 'Sends a message to the customer.', zh: '向客户发送一条消息。' },
    icon: 'send',
    ports: [NEXT_PORT],
    fields: { text: 'template' },
  },
  compile: (config) => checkQuickReplies(config.quickReplies, '/quickReplies'),
  run: async (ctx) => {
    const quickReplies = ctx.config.quickReplies ?? [];
    await ctx.act.sendMessage({
      text: ctx.render(ctx.config.text),
      ...(quickReplies.length > 0 ? { quickReplies } : {}),
      ...(ctx.config.offlineForm ? { offlineForm: true } : {}),
    });
    return { port: 'next' };
  },
});
