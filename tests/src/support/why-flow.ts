import type { FlowDraft } from '@kefu/schemas';

/** A condition on the contact and the message, then the knowledge base when it is false. */
export const whyFlow: FlowDraft = {
  schemaVersion: 1,
  name: 'Why trace',
  kind: 'auto-reply',
  nodes: [
    { id: 'start', type: 'conversation-started', config: {}, position: { x: 0, y: 0 } },
    { id: 'wait', type: 'wait-for-reply', config: {}, position: { x: 0, y: 160 } },
    {
      id: 'vip',
      type: 'condition',
      config: {
        rule: {
          all: [
            { fact: 'contact', path: '$.tags', operator: 'contains', value: 'vip' },
            { fact: 'message', path: '$.text', operator: 'containsText', value: 'hours' },
          ],
        },
      },
      position: { x: 280, y: 160 },
    },
    {
      id: 'vip-reply',
      type: 'send-message',
      config: { text: 'A VIP host will answer you.' },
      position: { x: 560, y: 0 },
    },
    // Sure only at 0.99: the answer below is found, but not confidently enough.
    {
      id: 'faq',
      type: 'answer-from-knowledge-base',
      config: { minConfidence: 0.99, suggest: false },
      position: { x: 560, y: 220 },
    },
    {
      id: 'human',
      type: 'send-message',
      config: { text: 'A teammate will answer you shortly.' },
      position: { x: 840, y: 280 },
    },
  ],
  edges: [
    { source: 'start', sourcePort: 'next', target: 'wait' },
    { source: 'wait', sourcePort: 'received', target: 'vip' },
    { source: 'vip', sourcePort: 'true', target: 'vip-reply' },
    { source: 'vip', sourcePort: 'false', target: 'faq' },
    { source: 'vip-reply', sourcePort: 'next', target: 'wait' },
    { source: 'faq', sourcePort: 'answered', target: 'wait' },
    { source: 'faq', sourcePort: 'not-found', target: 'human' },
    { source: 'human', sourcePort: 'next', target: 'wait' },
  ],
};

/** Two articles: the question matches the first in part, the second less. */
export const whyArticles = [
  {
    question: 'What are your opening hours?',
    phrasings: ['When are you open'],
    answer: 'Every day from 9 to 6.',
    locale: 'en',
  },
  {
    question: 'How long does shipping take?',
    phrasings: ['Delivery times'],
    answer: 'Two to three working days.',
    locale: 'en',
  },
];
