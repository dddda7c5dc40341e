import { defineNode } from '../define-node';
import { waitForResolutionSchema, type WaitForResolutionConfig } from './schema';

/**
 * Waits while an agent handles the conversation, until they resolve it: what follows (a survey, a
 * farewell) happens after the human part. The customer's messages meanwhile are the agent's, so
 * none of them is kept as the answer to a question asked later.
 */
export const waitForResolution = defineNode<WaitForResolutionConfig, 'resolved' | 'timeout'>({
  kind: 'wait-for-resolution',
  category: 'human',
  schema: waitForResolutionSchema,
  waits: true,
  editor: {
    label: { en: 'Wait for resolution', zh: '等待会话解决' },
    description: {
      en: 'Waits until the agent resolves the conversation, e.g. to ask for a rating afterwards.',
      zh: '等待客服解决会话，例如之后请客户评分。',
    },
    icon: 'circle-check',
    ports: [
      { name: 'resolved', label: { en: 'resolved', zh: '已解决' }, required: true },
      { name: 'timeout', label: { en: 'timeout', zh: '超时' }, required: false },
    ],
  },
  run: async (ctx) => {
    const minutes = ctx.config.timeoutMinutes;
    const resolved = await ctx.waitForResolution(minutes === undefined ? undefined : minutes * 60_000);
    if (!resolved) return { port: 'timeout', decision: `not resolved within ${minutes} min` };
    return { port: 'resolved', decision: `resolved by agent ${resolved.agentId}` };
  },
});
