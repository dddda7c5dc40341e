import type { FromSchema } from 'json-schema-to-ts';
import { MAX_MINUTES, VARIABLE_PATTERN, templateText } from '../common-schemas';

export const satisfactionSurveySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    question: {
      ...templateText,
      title: 'Question / 问题',
      default: 'How would you rate our service today? (1 = poor, 5 = excellent)',
    },
    positiveFrom: {
      type: 'integer',
      minimum: 2,
      maximum: 5,
      title: 'Ratings from this up are positive / 该分数及以上为好评',
      default: 4,
    },
    retryText: {
      ...templateText,
      title: 'When the answer is not a rating / 回复不是评分时',
      default: 'Please answer with a number from 1 to 5.',
    },
    askComment: { type: 'boolean', title: 'Ask for a comment / 请求留言', default: false },
    commentQuestion: {
      ...templateText,
      title: 'Comment question / 留言问题',
      default: 'Thanks! Anything you would like to tell us?',
    },
    timeoutMinutes: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_MINUTES,
      title: 'Wait for a rating (minutes) / 等待评分（分钟）',
      default: 60,
    },
    saveAs: {
      type: 'string',
      pattern: VARIABLE_PATTERN,
      maxLength: 64,
      title: 'Save the rating in variable / 评分保存到变量',
      default: 'csat',
    },
  },
} as const;
export type SatisfactionSurveyConfig = FromSchema<typeof satisfactionSurveySchema>;
