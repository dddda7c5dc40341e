import type { FromSchema } from 'json-schema-to-ts';
import { templateText } from '../common-schemas';

export const quickRepliesSchema = {
  type: 'array',
  title: 'Quick-reply buttons / 快捷回复按钮',
  maxItems: 10,
  items: {
    type: 'object',
    required: ['label'],
    additionalProperties: false,
    properties: {
      label: { type: 'string', minLength: 1, maxLength: 40, title: 'Button text / 按钮文字' },
      value: {
        type: 'string',
        minLength: 1,
        maxLength: 200,
        title: 'Sent as / 发送内容',
        description: 'What the customer sends by pressing it; the button text if empty. / 点击后发送的内容，留空则为按钮文字。',
      },
    },
  },
  default: [],
} as const;

export const sendMessageSchema = {
  type: 'object',
  required: ['text'],
  additionalProperties: false,
  properties: {
    text: {
      ...templateText,
      title: 'Message / 消息',
      description: 'Plain text; {{contact.name}} inserts a value. / 纯文本；{{contact.name}} 插入变量。',
    },
    quickReplies: quickRepliesSchema,
    offlineForm: {
      type: 'boolean',
      title: 'Offer the offline form / 显示留言表单',
      description:
        'For closed hours or when no agent is free: the chat offers a form (email + message) that opens a ticket. / 非营业时间或无人接待时使用：客户可留下邮箱和留言，生成工单。',
      default: false,
    },
  },
} as const;

export type SendMessageConfig = FromSchema<typeof sendMessageSchema>;
