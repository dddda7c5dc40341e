import { RATING_QUICK_REPLIES } from '@kefu/schemas';
import { defineNode } from '../define-node';
import { satisfactionSurveySchema, type SatisfactionSurveyConfig } from './schema';

/** The widget recognises exactly these as a rating question and draws stars for them. */
const RATINGS = RATING_QUICK_REPLIES;

/** Asks for a 1-5 rating (and optionally a comment) and branches on it. */
export const satisfactionSurvey = defineNode<SatisfactionSurveyConfig, 'positive' | 'negative' | 'no-response'>({
  kind: 'satisfaction-survey',
  category: 'survey',
  schema: satisfactionSurveySchema,
  waits: true,
  editor: {
    label: { en: 'Satisfaction survey', zh: '满意度调查' },
    description: { en: 'Asks the customer to rate the service.', zh: '请客户为服务评分。' },
    icon: 'star',
    ports: [
      { name: 'positive', label: { en: 'positive', zh: '好评' }, required: false },
      { name: 'negative', label: { en: 'negative', zh: '差评' }, required: true },
      { name: 'no-response', label: { en: 'no response', zh: '未回复' }, required: false },
    ],
    fields: { question: 'template', commentQuestion: 'template', saveAs: 'variable' },
  },
  defines: (config, port) => (port === 'no-response' ? [] : [config.saveAs ?? 'csat']),
  run: async (ctx) => {
    const { config } = ctx;
    const timeoutMs = (config.timeoutMinutes ?? 60) * 60_000;
    await ctx.act.sendMessage({ text: ctx.render(config.question ?? ''), quickReplies: RATINGS });
    let rating: number | undefined;
    // One second chance for a reply that is not a rating, then give up.
    for (let attempt = 0; attempt < 2 && rating === undefined; attempt++) {
      const reply = await ctx.waitForCustomerMessage(timeoutMs);
      if (!reply) return { port: 'no-response', decision: 'no rating before the timeout' };
      rating = parseRating(reply.text);
      if (rating === undefined && attempt === 0)
        await ctx.act.sendMessage({ text: ctx.render(config.retryText), quickReplies: RATINGS });
    }
    if (rating === undefined) return { port: 'no-response', decision: 'no rating understood' };
    let comment: string | undefined;
    if (config.askComment) {
      await ctx.act.sendMessage({ text: ctx.render(config.commentQuestion ?? '') });
      comment = (await ctx.waitForCustomerMessage(timeoutMs))?.text;
    }
    await ctx.act.recordSatisfaction({ rating, ...(comment ? { comment } : {}) });
    ctx.vars[config.saveAs ?? 'csat'] = rating;
    const positive = rating >= (config.positiveFrom ?? 4);
    return { port: positive ? 'positive' : 'negative', decision: `rated ${rating}` };
  },
});

/** "4", "4 stars", "４" all mean 4; anything else is not a rating. */
export function parseRating(text: string): number | undefined {
  const normalized = text.trim().replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10));
  const match = /^([1-5])(\s*(stars?|分|星))?$/i.exec(normalized);
  return match ? Number(match[1]) : undefined;
}
