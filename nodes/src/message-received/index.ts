import { defineNode } from '../define-node';
import { REQUIRED_NEXT_PORT } from '../ports';
import { acceptsChannel } from '../trigger-filters';
import { messageReceivedSchema, type MessageReceivedConfig } from './schema';

/** Starts a run on a customer message, optionally only when it carries certain keywords. */
export const messageReceived = defineNode<MessageReceivedConfig, 'next'>({
  kind: 'message-received',
  category: 'trigger',
  schema: messageReceivedSchema,
  waits: false,
  editor: {
    label: { en: 'Message received', zh: '收到消息' },
    description: { en: 'Runs when a customer sends a message.', zh: '客户发送消息时运行。' },
    icon: 'message-square-text',
    ports: [REQUIRED_NEXT_PORT],
    fields: { keywords: 'tags' },
  },
  trigger: {
    event: 'message-received',
    matches: (config, facts) =>
      acceptsChannel(config.channels, facts.channel) && keywordsMatch(config, facts.message?.text ?? ''),
  },
  compile: (config) =>
    config.match === 'exact' && (config.keywords ?? []).length === 0
      ? [
          {
            field: '/keywords',
            message: { en: 'Exact match needs at least one keyword', zh: '完全匹配至少需要一个关键词' },
          },
        ]
      : [],
  run: async () => ({ port: 'next' }),
});

export function keywordsMatch(config: MessageReceivedConfig, text: string): boolean {
  const keywords = (config.keywords ?? []).map((k) => k.toLowerCase());
  if (keywords.length === 0) return true;
  const lower = text.toLowerCase();
  if (config.match === 'exact') return keywords.includes(lower.trim());
  if (config.match === 'all') return keywords.every((k) => lower.includes(k));
  return keywords.some((k) => lower.includes(k));
}
