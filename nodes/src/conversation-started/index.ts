import type { FromSchema } from 'json-schema-to-ts';
import { defineNode } from '../define-node';

export const conversationStartedSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    channels: {
      type: 'array',
      title: 'Channels (empty: all) / 渠道（留空为全部）',
      items: { type: 'string', enum: ['web', 'email', 'api'] },
      uniqueItems: true,
      default: [],
    },
  },
} as const;
export type ConversationStartedConfig = FromSchema<typeof conversationStartedSchema>;

/** Starts a run when a customer opens a new conversation. */
export const conversationStarted = defineNode<ConversationStartedConfig, 'next'>({
  kind: 'conversation-started',
  category: 'trigger',
  schema: conversationStartedSchema,
  waits: false,
  editor: {
    label: { en: 'Conversation started', zh: '会话开始' },
    description: { en: 'Runs when a customer opens a chat.', zh: '客户打开聊天时运行。' },
    icon: 'message-circle-plus',
    ports: [{ name: 'next', label: { en: 'next', zh: '下一步' }, required: true }],
  },
  run: async () => ({ port: 'next' }),
});
