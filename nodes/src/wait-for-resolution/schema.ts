import type { FromSchema } from 'json-schema-to-ts';
import { MAX_MINUTES } from '../common-schemas';

export const waitForResolutionSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    timeoutMinutes: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_MINUTES,
      title: 'Give up after (minutes) / 超时（分钟）',
      description: 'Leave empty to wait until an agent resolves the conversation. / 留空则一直等到客服解决会话。',
    },
  },
} as const;
export type WaitForResolutionConfig = FromSchema<typeof waitForResolutionSchema>;
