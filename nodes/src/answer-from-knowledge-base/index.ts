import type { FromSchema } from 'json-schema-to-ts';
import { cutText, type KnowledgeWhy } from '@kefu/schemas';
import { defineNode } from '../define-node';
import type { KnowledgeAnswer } from '../run-context';

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
        'Leave empty to use the knowledge base\'s own threshold. Below it, the flow takes the "not found" branch. / 留空则使用知识库的阈值；低于阈值时走“未找到”分支。',
    },
    suggest: {
      type: 'boolean',
      title: 'When unsure, offer the closest questions as buttons / 不确定时提供相近问题按钮',
      default: true,
    },
    suggestText: {
      type: 'string',
      minLength: 1,
      maxLength: 500,
      title: 'Text above the suggestions / 建议按钮上方的文字',
      default: 'Did you mean one of these? / 您是想问以下问题吗？',
    },
    maxSuggestions: {
      type: 'integer',
      minimum: 1,
      maximum: 5,
      default: 3,
      title: 'At most this many buttons / 最多按钮数',
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
    if (!query)
      return {
        port: 'not-found',
        decision: 'no customer message to answer',
        why: {
          kind: 'knowledge',
          outcome: 'no-message',
          notTaken: [{ port: 'answered', reason: 'no-message' }],
        },
      };
    const { minConfidence } = ctx.config;
    const found = await ctx.act.searchKnowledgeBase({
      query,
      ...(minConfidence !== undefined ? { minConfidence } : {}),
    });
    if (found?.confident) {
      await ctx.act.sendMessage({ text: found.answer, knowledge: { articleId: found.articleId, query } });
      return {
        port: 'answered',
        decision: `article ${found.articleId} at ${found.confidence}`,
        why: knowledgeWhy(query, found, minConfidence),
      };
    }
    // Unsure: the closest questions as quick replies; pressing one sends the question itself.
    const close = found
      ? [{ question: found.question, articleId: found.articleId }, ...(found.suggestions ?? [])]
      : [];
    const unique = [
      ...new Map(close.filter((s) => s.question).map((s) => [s.articleId, s.question])).values(),
    ];
    const buttons = unique.slice(0, ctx.config.maxSuggestions ?? 3);
    if ((ctx.config.suggest ?? true) && buttons.length > 0)
      await ctx.act.sendMessage({
        text: ctx.render(ctx.config.suggestText ?? 'Did you mean one of these?'),
        quickReplies: buttons.map((label) => ({ label })),
      });
    return {
      port: 'not-found',
      decision: found
        ? `best match ${found.articleId} at ${found.confidence}, below the threshold`
        : 'no match',
      why: knowledgeWhy(query, found, minConfidence),
    };
  },
});

/** The score against the threshold and the runner-up, from the one search the step made. */
function knowledgeWhy(query: string, found: KnowledgeAnswer | null, minConfidence?: number): KnowledgeWhy {
  // The activity's own threshold; older histories lack it, then the step's setting if it had one.
  const threshold = found?.threshold ?? minConfidence;
  const base = {
    kind: 'knowledge',
    query: cutText(query),
    ...(threshold !== undefined ? { threshold } : {}),
  } as const;
  if (!found) return { ...base, outcome: 'no-match', notTaken: [{ port: 'answered', reason: 'no-match' }] };
  const article = (a: { articleId: string; question: string; confidence: number }) => ({
    articleId: a.articleId,
    question: cutText(a.question),
    confidence: a.confidence,
  });
  // Suggestions may list the best article first when it was not confident enough.
  const runnerUp = found.suggestions?.find((s) => s.articleId !== found.articleId);
  return {
    ...base,
    outcome: found.confident ? 'confident' : 'below-threshold',
    confidence: found.confidence,
    best: article(found),
    ...(runnerUp ? { runnerUp: article(runnerUp) } : {}),
    notTaken: found.confident
      ? [{ port: 'not-found', reason: 'confident' }]
      : [{ port: 'answered', reason: 'below-threshold' }],
  };
}
