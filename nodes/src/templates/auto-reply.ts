import type { StarterTemplate } from './starter-template';

/** Answers from the knowledge base when open; out of hours, acknowledges and opens a ticket. */
export const autoReplyTemplate: StarterTemplate = {
  id: 'out-of-hours-auto-reply',
  kind: 'auto-reply',
  name: { en: 'Out-of-hours auto-reply with a ticket', zh: '非营业时间自动回复并建工单' },
  description: {
    en: 'Out of hours, every message gets an instant reply and a ticket so nothing is forgotten; during hours, common questions are answered from the knowledge base.',
    zh: '非营业时间，每条消息立即自动回复并创建工单，不会遗漏；营业时间内，常见问题由知识库回答。',
  },
  draft: {
    schemaVersion: 1,
    name: 'Out-of-hours auto-reply',
    kind: 'auto-reply',
    description: 'Instant reply and a ticket out of hours; knowledge-base answers during hours.',
    nodes: [
      {
        id: 'message',
        type: 'message-received',
        config: { channels: ['web', 'email'] },
        position: { x: 0, y: 0 },
      },
      {
        id: 'hours',
        type: 'business-hours',
        config: {
          timeZone: 'Asia/Shanghai',
          schedule: ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({
            day,
            open: '09:00',
            close: '18:00',
          })),
        },
        position: { x: 0, y: 160 },
      },
      { id: 'faq', type: 'answer-from-knowledge-base', config: {}, position: { x: -260, y: 320 } },
      {
        id: 'teammate-soon',
        type: 'send-message',
        config: { text: 'Thanks for your message! A teammate will reply in a few minutes.' },
        position: { x: -260, y: 490 },
      },
      {
        id: 'closed-reply',
        type: 'send-message',
        config: {
          text: 'Hi {{contact.name | default: "there"}}, we\'re closed right now (Mon–Fri 9:00–18:00). We\'ve noted your message and will reply first thing when we open.',
        },
        position: { x: 260, y: 320 },
      },
      {
        id: 'ticket',
        type: 'create-ticket',
        config: {
          subject: 'Out-of-hours message from {{contact.name | default: "a visitor"}}',
          description: '{{message.text}}',
          priority: 'normal',
          tags: ['out-of-hours'],
          dueInMinutes: 16 * 60,
        },
        position: { x: 260, y: 490 },
      },
      {
        id: 'ticket-number',
        type: 'send-message',
        config: { text: 'Your reference number is {{vars.ticketNumber}}.' },
        position: { x: 260, y: 650 },
      },
      { id: 'done', type: 'end', config: {}, position: { x: 0, y: 810 } },
    ],
    edges: [
      { source: 'message', sourcePort: 'next', target: 'hours' },
      { source: 'hours', sourcePort: 'open', target: 'faq' },
      { source: 'hours', sourcePort: 'closed', target: 'closed-reply' },
      { source: 'faq', sourcePort: 'answered', target: 'done' },
      { source: 'faq', sourcePort: 'not-found', target: 'teammate-soon' },
      { source: 'teammate-soon', sourcePort: 'next', target: 'done' },
      { source: 'closed-reply', sourcePort: 'next', target: 'ticket' },
      { source: 'ticket', sourcePort: 'next', target: 'ticket-number' },
      { source: 'ticket-number', sourcePort: 'next', target: 'done' },
    ],
  },
  zh: {
    name: '非营业时间自动回复',
    description: '非营业时间即时回复并创建工单；营业时间内由知识库回答。',
    nodes: {
      'teammate-soon': { config: { text: '感谢您的留言！客服会在几分钟内回复您。' } },
      'closed-reply': {
        config: {
          text: '{{contact.name | default: "您好"}}，我们现在不在营业时间（周一至周五 9:00–18:00）。您的留言已记录，开门后我们会第一时间回复。',
        },
      },
      ticket: { config: { subject: '非营业时间留言：{{contact.name | default: "访客"}}' } },
      'ticket-number': { config: { text: '您的工单编号是 {{vars.ticketNumber}}。' } },
    },
  },
};
