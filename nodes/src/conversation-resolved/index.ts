import type { FromSchema } from 'json-schema-to-ts';
import { defineNode } from '../define-node';
import { channelList, tagList } from '../common-schemas';
import { REQUIRED_NEXT_PORT } from '../ports';
import { acceptsChannel, hasAnyTag } from '../trigger-filters';

export const conversationResolvedSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    channels: channelList,
    tags: {
      ...tagList,
      title: 'Contact has any of these tags (empty: all) / 联系人含任一标签（留空为全部）',
    },
  },
} as const;
export type ConversationResolvedConfig = FromSchema<typeof conversationResolvedSchema>;

/**
 * Starts a run when an agent resolves a conversation (a survey, a follow-up ticket, a tag). Its facts:
 * `conversation` (id, channel, resolvedAt), `contact`, `resolvedBy` (the agent's id and name).
 */
export const conversationResolved = defineNode<ConversationResolvedConfig, 'next'>({
  kind: 'conversation-resolved',
  category: 'trigger',
  schema: conversationResolvedSchema,
  waits: false,
  editor: {
    label: { en: 'Conversation resolved', zh: '会话已解决' },
    description: { en: 'Runs when an agent resolves a conversation.', zh: '客服解决会话时运行。' },
    icon: 'circle-check',
    ports: [REQUIRED_NEXT_PORT],
    fields: { tags: 'tags' },
  },
  trigger: {
    event: 'conversation-resolved',
    matches: (config, facts) =>
      acceptsChannel(config.channels, facts.channel) && hasAnyTag(config.tags, facts.contact?.tags),
  },
  run: async () => ({ port: 'next' }),
});
