import type { FromSchema } from 'json-schema-to-ts';

/** An agent started or stopped typing a reply: the customer's widget shows "typing…". */
export const agentTypingSchema = {
  type: 'object',
  required: ['typing'],
  additionalProperties: false,
  properties: { typing: { type: 'boolean' } },
} as const;
export type AgentTyping = FromSchema<typeof agentTypingSchema>;
