import type { FromSchema } from 'json-schema-to-ts';
import { defineNode } from '../define-node';

export const answerFromKnowledgeBaseSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    minConfidence: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      title: 'Answer only when at least this sure (0-1) / 置信度阈值（0-1）',
      description:
        'Below this, the flow takes the "not found" branch instead of answering. / 低于该值时走“未找到”分支。',
      default: 0.7,
    },
  },
} as const;
export type AnswerFromKnowledgeBaseConfig = FromSchema<typeof answerFromKnowledgeBaseSchema>;

/** Answers the customer's latest message from the workspace's knowledge base when confident. */
export const answerFromKnowledgeBase = defineNode<AnswerFromKnowledgeBaseConfig, 'answered' | 'not-found'>({
  kind: 'answer-from-knowledge-base',
  category: 'bot',
  schema: answerFromKnowledgeBaseSchema,
  waits: false,
  editor: {
    label: { en: 'Answer from knowledge base', zh: '知识库回答' },
    description: {
      en: "Answers the customer's question from the knowledge base.",
      zh: '用知识库回答客户的问题。',
    },
    icon: 'book-open',
    ports: [
      { name: 'answered', label: { en: 'answered', zh: '已回答' }, required: false },
      { name: 'not-found', label: { en: 'not found', zh: '未找到' }, required: true },
    ],
  },
  run: async (ctx) => {
    const message = ctx.facts.message as { text?: unknown } | undefined;
    const query = typeof message?.text === 'string' ? message.text.trim() : '';
    if (!query) return { port: 'not-found', decision: 'no customer message to answer' };
    const minConfidence = ctx.config.minConfidence ?? 0.7;
    const found = await ctx.act.searchKnowledgeBase({ query, minConfidence });
    if (!found || found.confidence < minConfidence)
      return { port: 'not-found', decision: found ? `best match ${found.confidence} < ${minConfidence}` : 'no match' };
    await ctx.act.sendMessage({ text: found.answer });
    return { port: 'answered', decision: `article ${found.articleId} at ${found.confidence}` };
  },
});
