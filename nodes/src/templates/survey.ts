import type { StarterTemplate } from './starter-template';

/** CSAT when a ticket is resolved; a low score opens a follow-up ticket for a manager. */
export const surveyTemplate: StarterTemplate = {
  id: 'csat-after-resolution',
  kind: 'survey',
  name: { en: 'CSAT after resolution', zh: '解决后满意度调查' },
  description: {
    en: 'When a ticket is resolved, asks the customer for a 1–5 rating and a comment; a rating of 3 or less opens a high-priority follow-up ticket and tags the contact.',
    zh: '工单解决后请客户评分（1–5）并留言；3 分及以下自动创建高优先级回访工单并为联系人打标签。',
  },
  draft: {
    schemaVersion: 1,
    name: 'CSAT after resolution',
    kind: 'survey',
    description: 'Rating after resolution; follow-up ticket on a low score.',
    nodes: [
      {
        id: 'solved',
        type: 'ticket-updated',
        config: { fields: ['status'], toStatus: 'solved' },
        position: { x: 0, y: 0 },
      },
      {
        id: 'survey',
        type: 'satisfaction-survey',
        config: {
          question: 'Your request "{{ticket.subject}}" is solved. How did we do? (1 = poor, 5 = excellent)',
          positiveFrom: 4,
          askComment: true,
          commentQuestion: 'Thank you! Anything we could do better?',
          timeoutMinutes: 24 * 60,
        },
        position: { x: 0, y: 160 },
      },
      {
        id: 'thanks',
        type: 'send-message',
        config: {
          text: 'Thanks for the {{vars.csat}} stars, {{contact.name | default: "friend"}}! See you next time.',
        },
        position: { x: -260, y: 320 },
      },
      {
        id: 'follow-up',
        type: 'create-ticket',
        config: {
          subject: 'Low satisfaction ({{vars.csat}}/5): {{ticket.subject}}',
          description:
            'Customer {{contact.name | default: "(no name)"}} rated the resolution of ticket #{{ticket.number}} {{vars.csat}}/5. Please call them.',
          priority: 'high',
          tags: ['csat-follow-up'],
          dueInMinutes: 8 * 60,
          saveAs: 'followUpId',
        },
        position: { x: 260, y: 320 },
      },
      {
        id: 'tag',
        type: 'update-contact',
        config: { addTags: ['unhappy-last-time'] },
        position: { x: 260, y: 490 },
      },
      {
        id: 'apology',
        type: 'send-message',
        config: { text: "We're sorry we let you down. A manager will contact you today." },
        position: { x: 260, y: 650 },
      },
      { id: 'done', type: 'end', config: {}, position: { x: 0, y: 810 } },
    ],
    edges: [
      { source: 'solved', sourcePort: 'next', target: 'survey' },
      { source: 'survey', sourcePort: 'positive', target: 'thanks' },
      { source: 'survey', sourcePort: 'negative', target: 'follow-up' },
      { source: 'survey', sourcePort: 'no-response', target: 'done' },
      { source: 'thanks', sourcePort: 'next', target: 'done' },
      { source: 'follow-up', sourcePort: 'next', target: 'tag' },
      { source: 'tag', sourcePort: 'next', target: 'apology' },
      { source: 'apology', sourcePort: 'next', target: 'done' },
    ],
  },
  zh: {
    name: '解决后满意度调查',
    description: '工单解决后请客户评分；低分时创建回访工单。',
    nodes: {
      survey: {
        config: {
          question: '您的问题“{{ticket.subject}}”已解决。您对我们的服务满意吗？（1 = 很差，5 = 很好）',
          retryText: '请回复 1 到 5 之间的数字。',
          commentQuestion: '谢谢！我们还有哪些可以做得更好？',
        },
      },
      thanks: {
        config: {
          text: '感谢您的 {{vars.csat}} 星评价，{{contact.name | default: "亲"}}！期待再次为您服务。',
        },
      },
      'follow-up': {
        config: {
          subject: '满意度低（{{vars.csat}}/5）：{{ticket.subject}}',
          description:
            '客户 {{contact.name | default: "（未留名）"}} 对工单 #{{ticket.number}} 的处理评分为 {{vars.csat}}/5，请致电回访。',
        },
      },
      apology: { config: { text: '很抱歉这次没能让您满意。主管今天会联系您。' } },
    },
  },
};
