import type { FromSchema } from 'json-schema-to-ts';
import { defineNode } from '../define-node';
import { channelList } from '../common-schemas';
import { REQUIRED_NEXT_PORT } from '../ports';
import { acceptsChannel } from '../trigger-filters';

export const conversationStartedSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { channels: channelList },
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
    ports: [REQUIRED_NEXT_PORT],
  },
  trigger: {
    event: 'conversation-started',
    matches: (config, facts) => acceptsChannel(config.channels, facts.channel),
  },
  run: async () => ({ port: 'next' }),
});
