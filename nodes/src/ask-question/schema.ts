import type { FromSchema } from 'json-schema-to-ts';
import { MAX_MINUTES, VARIABLE_PATTERN, templateText } from '../common-schemas';

export const ANSWER_TYPES = ['text', 'choice', 'email', 'phone', 'number', 'pattern'] as const;

export const askQuestionSchema = {
  type: 'object',
  required: ['question', 'saveAs'],
  additionalProperties: false,
  properties: {
    question: { ...templateText, title: 'Question / 问题' },
    answerType: {
      type: 'string',
      enum: ANSWER_TYPES,
      title: 'Expected answer / 答案类型',
      description: 'How the reply is checked. / 如何校验回复。',
      default: 'text',
    },
    choices: {
      type: 'array',
      title: 'Choices (shown as buttons) / 选项（以按钮显示）',
      maxItems: 10,
      items: { type: 'string', minLength: 1, maxLength: 40 },
      default: [],
    },
    pattern: {
      type: 'string',
      maxLength: 200,
      title: 'Pattern the answer must match / 答案须匹配的模式',
      description:
        'A named pattern (preset:cn-mobile) or a regular expression; the whole answer must match. / 预设模式或正则表达式，整个答案须匹配。',
    },
    country: {
      type: 'string',
      pattern: '^[A-Z]{2}$',
      title: 'Phone number country / 电话号码所属国家或地区',
      description:
        "ISO code such as CN or US; empty: the workspace's country (CN when it has none). The answer is stored as +8613800138000. / 如 CN、US；留空则用工作区的国家（未设置时为 CN）。答案以 +8613800138000 格式保存。",
    },
    saveAs: {
      type: 'string',
      pattern: VARIABLE_PATTERN,
      maxLength: 64,
      title: 'Save the answer in variable / 答案保存到变量',
    },
    maxAttempts: {
      type: 'integer',
      minimum: 1,
      maximum: 10,
      title: 'Ask at most (times) / 最多询问（次）',
      default: 3,
    },
    // No default text: the compiler fills defaults, so an owner who emptied the field got an English
    // sentence in a Chinese flow. Empty asks the question again, in the owner's own words.
    retryText: {
      ...templateText,
      title: 'When the answer does not fit / 答案不符合时',
      description: 'Empty: the question is asked again. / 留空则重复提问。',
    },
    timeoutMinutes: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_MINUTES,
      title: 'Give up after (minutes) / 超时（分钟）',
      default: 30,
    },
  },
} as const;

export type AskQuestionConfig = FromSchema<typeof askQuestionSchema>;
export type AnswerType = (typeof ANSWER_TYPES)[number];
