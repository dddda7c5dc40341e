import type { FromSchema } from 'json-schema-to-ts';
import { MAX_MINUTES, templateText } from '../common-schemas';

export const routeToTeamSchema = {
  type: 'object',
  required: ['teamId'],
  additionalProperties: false,
  properties: {
    teamId: { type: 'string', minLength: 1, maxLength: 64, title: 'Team / 团队' },
    strategy: {
      type: 'string',
      enum: ['least-loaded', 'round-robin', 'skills'],
      title: 'Who gets it / 分配策略',
      description:
        'least-loaded: the agent with the fewest open chats; round-robin: take turns; skills: agents with every listed skill. / 最少负载、轮流、按技能。',
      default: 'least-loaded',
    },
    skills: {
      type: 'array',
      title: 'Required skills / 所需技能',
      maxItems: 20,
      uniqueItems: true,
      items: { type: 'string', minLength: 1, maxLength: 64 },
      default: [],
    },
    timeoutMinutes: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_MINUTES,
      title: 'Wait for an agent to accept (minutes) / 等待接入（分钟）',
      default: 5,
    },
    waitingMessage: {
      ...templateText,
      title: 'Tell the customer while waiting / 等待时告知客户',
      default: 'Connecting you with a teammate, one moment please.',
    },
  },
} as const;
export type RouteToTeamConfig = FromSchema<typeof routeToTeamSchema>;
