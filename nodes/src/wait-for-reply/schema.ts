import type { FromSchema } from 'json-schema-to-ts';

export const waitForReplySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    timeoutMinutes: {
      type: 'integer',
      minimum: 1,
      maximum: 60 * 24 * 30,
      title: 'Give up after (minutes) / 超时（分钟）',
      description: 'Leave empty to wait as long as the conversation is open. / 留空则一直等待。',
    },
    saveAs: {
      type: 'string',
      pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
      title: 'Save the reply in variable / 保存到变量',
    },
  },
} as const;

export type WaitForReplyConfig = FromSchema<typeof waitForReplySchema>;
