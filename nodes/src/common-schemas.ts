import { MESSAGE_TEXT_MAX, variableNameSchema } from '@kefu/schemas';

/** Schema pieces several node configs share, so titles and limits read the same everywhere. */
export const VARIABLE_PATTERN = variableNameSchema.pattern;

export const templateText = {
  type: 'string',
  minLength: 1,
  maxLength: MESSAGE_TEXT_MAX,
} as const;

export const tagList = {
  type: 'array',
  maxItems: 50,
  uniqueItems: true,
  items: { type: 'string', minLength: 1, maxLength: 64 },
  default: [],
} as const;

export const channelList = {
  type: 'array',
  title: 'Channels (empty: all) / 渠道（留空为全部）',
  items: { type: 'string', enum: ['web', 'email', 'api'] },
  uniqueItems: true,
  default: [],
} as const;

export const ticketPriority = { type: 'string', enum: ['low', 'normal', 'high', 'urgent'] } as const;
export const ticketStatus = { type: 'string', enum: ['open', 'pending', 'solved', 'closed'] } as const;

/** A timeout in minutes: at least one, at most thirty days. */
export const MAX_MINUTES = 60 * 24 * 30;
