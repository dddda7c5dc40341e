import type { FromSchema } from 'json-schema-to-ts';
import { MESSAGE_TEXT_MAX } from '@kefu/schemas';

export const sendMessageSchema = {
  type: 'object',
  required: ['text'],
  additionalProperties: false,
  properties: {
    text: {
      type: 'string',
      minLength: 1,
      maxLength: MESSAGE_TEXT_MAX,
      title: 'Message / 消息',
      description: 'Plain text; {{contact.name}} inserts a value. / 纯文本；{{contact.name}} 插入变量。',
    },
  },
} as const;

export type SendMessageConfig = FromSchema<typeof sendMessageSchema>;
