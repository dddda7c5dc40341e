import { defineNode } from '../define-node';
import { isSupportedCountry } from 'libphonenumber-js/max';
import { patternProblem } from '../rules/patterns';
import { askQuestionSchema, type AskQuestionConfig } from './schema';
import { validateAnswer } from './validate-answer';

/** Asks the customer a question, checks the answer, re-asks, and stores it in a variable. */
export const askQuestion = defineNode<AskQuestionConfig, 'answered' | 'invalid' | 'timeout'>({
  kind: 'ask-question',
  category: 'message',
  schema: askQuestionSchema,
  waits: true,
  editor: {
    label: { en: 'Ask question', zh: '提问' },
    description: {
      en: 'Asks a question and waits for a valid answer.',
      zh: '提出问题并等待有效回答。',
    },
    icon: 'message-circle-question',
    ports: [
      { name: 'answered', label: { en: 'answered', zh: '已回答' }, required: true },
      { name: 'invalid', label: { en: 'invalid', zh: '答案无效' }, required: false },
      { name: 'timeout', label: { en: 'timeout', zh: '超时' }, required: false },
    ],
    fields: {
      question: 'template',
      retryText: 'template',
      saveAs: 'variable',
      choices: 'tags',
      pattern: 'pattern',
    },
  },
  defines: (config, port) => (port === 'answered' ? [config.saveAs] : []),
  compile: (config) => {
    const choices = config.choices ?? [];
    if (config.answerType === 'pattern') {
      const problem = patternProblem(config.pattern);
      if (problem) return [{ field: '/pattern', message: problem }];
    } else if (config.pattern !== undefined)
      return [
        {
          field: '/pattern',
          message: {
            en: 'A pattern is only used when the answer is a pattern',
            zh: '只有答案类型为“模式”时才使用模式',
          },
        },
      ];
    if (config.country !== undefined && config.answerType !== 'phone')
      return [
        {
          field: '/country',
          message: {
            en: 'A country is only used when the answer is a phone number',
            zh: '只有答案类型为电话时才使用国家',
          },
        },
      ];
    if (config.country !== undefined && !isCountry(config.country))
      return [
        {
          field: '/country',
          message: {
            en: `Unknown country code "${config.country}"`,
            zh: `未知的国家代码 "${config.country}"`,
          },
        },
      ];
    if (config.answerType === 'choice' && choices.length < 2)
      return [
        {
          field: '/choices',
          message: { en: 'A choice question needs at least two choices', zh: '选择题至少需要两个选项' },
        },
      ];
    if (config.answerType !== 'choice' && choices.length > 0)
      return [
        {
          field: '/choices',
          message: { en: 'Choices are only used when the answer is a choice', zh: '只有选择题才使用选项' },
        },
      ];
    return [];
  },
  run: async (ctx) => {
    const { config } = ctx;
    const choices = config.choices ?? [];
    const attempts = config.maxAttempts ?? 3;
    const timeoutMs = (config.timeoutMinutes ?? 30) * 60_000;
    const quickReplies = choices.map((label) => ({ label }));
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const text = attempt === 1 ? config.question : (config.retryText ?? config.question);
      await ctx.act.sendMessage({ text: ctx.render(text), ...(quickReplies.length ? { quickReplies } : {}) });
      const reply = await ctx.waitForCustomerMessage(timeoutMs);
      if (!reply) return { port: 'timeout', decision: `no answer within ${config.timeoutMinutes} min` };
      const value = validateAnswer(config.answerType ?? 'text', reply.text, choices, {
        ...(config.pattern !== undefined ? { pattern: config.pattern } : {}),
        country: config.country ?? workspaceCountry(ctx.facts),
      });
      if (value !== undefined) {
        ctx.vars[config.saveAs] = value;
        return { port: 'answered', decision: `valid ${config.answerType} answer on attempt ${attempt}` };
      }
    }
    return { port: 'invalid', decision: `no valid answer in ${attempts} attempts` };
  },
});

const isCountry = (code: string) => isSupportedCountry(code);

/** The workspace's country, when the run's facts carry one (`facts.workspace.country`). */
function workspaceCountry(facts: Record<string, unknown>): string | undefined {
  const country = (facts.workspace as { country?: unknown } | undefined)?.country;
  return typeof country === 'string' && /^[A-Z]{2}$/.test(country) ? country : undefined;
}
