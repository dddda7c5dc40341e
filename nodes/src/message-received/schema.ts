import type { FromSchema } from 'json-schema-to-ts';
import { channelList } from '../common-schemas';

export const messageReceivedSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    channels: channelList,
    keywords: {
      type: 'array',
      title: 'Keywords (empty: every message) / 关键词（留空为所有消息）',
      description: 'Matched without regard to case. / 不区分大小写。',
      maxItems: 50,
      uniqueItems: true,
      items: { type: 'string', minLength: 1, maxLength: 100 },
      default: [],
    },
    match: {
      type: 'string',
      enum: ['any', 'all', 'exact'],
      title: 'Match / 匹配方式',
      description:
        'any: one keyword appears; all: every keyword appears; exact: the whole message is a keyword. / any：包含任一关键词；all：包含全部关键词；exact：整条消息等于某个关键词。',
      default: 'any',
    },
  },
} as const;
export type MessageReceivedConfig = FromSchema<typeof messageReceivedSchema>;
