import type { StarterTemplate } from './starter-template';

/**
 * VIP customers (contact tag "vip") go to the VIP desk, everyone else to support; once the agent
 * resolves the chat, the customer rates it. After hours, a callback ticket.
 */
export const routingTemplate: StarterTemplate = {
  id: 'vip-routing',
  kind: 'routing',
  name: { en: 'VIP routing by contact tag', zh: '按标签分配 VIP 客户' },
  description: {
    en: 'During opening hours, VIP customers reach the VIP desk and others the support team, and rate the help once the agent resolves the chat; otherwise the customer leaves an email for a callback ticket.',
    zh: '营业时间内，VIP 客户转 VIP 专席，其他客户转客服团队，客服解决后请客户评分；非营业时间请客户留下邮箱并创建回访工单。',
  },
  draft: {
    schemaVersion: 1,
    name: 'VIP routing',
    kind: 'routing',
    description:
      'Routes VIP customers to the VIP desk, others to support, then asks for a rating once resolved; callback ticket after hours.',
    nodes: [
      { id: 'start', type: 'conversation-started', config: {}, position: { x: 0, y: 0 } },
      {
        id: 'hours',
        type: 'business-hours',
        config: {
          timeZone: 'Asia/Shanghai',
          schedule: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((day) => ({
            day,
            open: '09:00',
            close: '21:00',
          })),
          holidays: ['2026-01-01', '2026-02-17'],
        },
        position: { x: 0, y: 160 },
      },
      {
        id: 'is-vip',
        type: 'condition',
        label: 'VIP customer?',
        config: { rule: { any: [{ fact: 'contact', path: '$.tags', operator: 'contains', value: 'vip' }] } },
        position: { x: -260, y: 320 },
      },
      {
        id: 'vip-desk',
        type: 'route-to-team',
        config: {
          teamId: 'vip-desk',
          strategy: 'least-loaded',
          timeoutMinutes: 3,
          waitingMessage:
            'Welcome back, {{contact.name | default: "friend"}}! Connecting you with your VIP advisor.',
        },
        position: { x: -390, y: 490 },
      },
      {
        id: 'support',
        type: 'route-to-team',
        config: { teamId: 'support', strategy: 'round-robin', timeoutMinutes: 5 },
        position: { x: -130, y: 490 },
      },
      {
        id: 'ask-email',
        type: 'ask-question',
        config: {
          question:
            "We can't reach a teammate right now. Leave your email and we'll get back to you within one business day.",
          answerType: 'email',
          saveAs: 'email',
          maxAttempts: 2,
          retryText: 'That does not look like an email address. Could you check it?',
          timeoutMinutes: 30,
        },
        position: { x: 260, y: 320 },
      },
      {
        id: 'callback',
        type: 'create-ticket',
        config: {
          subject: 'Callback for {{contact.name | default: "a visitor"}}',
          description:
            'Asked for a callback at {{vars.email}} when no teammate was free; the chat is linked to this ticket.',
          priority: 'normal',
          tags: ['callback'],
          dueInMinutes: 24 * 60,
        },
        position: { x: 260, y: 490 },
      },
      {
        id: 'confirm',
        type: 'send-message',
        config: { text: 'Thanks! We will write to {{vars.email}} soon.' },
        position: { x: 260, y: 650 },
      },
      {
        id: 'close',
        type: 'close-conversation',
        config: { farewell: 'Have a good day!' },
        position: { x: 260, y: 810 },
      },
      {
        id: 'with-agent',
        type: 'wait-for-resolution',
        label: 'Agent helps the customer',
        config: { timeoutMinutes: 7 * 24 * 60 },
        position: { x: -260, y: 650 },
      },
      {
        id: 'rate',
        type: 'satisfaction-survey',
        config: { question: 'How would you rate the help you got today? (1 = poor, 5 = excellent)' },
        position: { x: -260, y: 810 },
      },
      {
        id: 'goodbye',
        type: 'close-conversation',
        config: { farewell: 'Thank you for your feedback!' },
        position: { x: -260, y: 970 },
      },
      { id: 'done', type: 'end', config: {}, position: { x: -520, y: 810 } },
    ],
    edges: [
      { source: 'start', sourcePort: 'next', target: 'hours' },
      { source: 'hours', sourcePort: 'open', target: 'is-vip' },
      { source: 'hours', sourcePort: 'closed', target: 'ask-email' },
      { source: 'is-vip', sourcePort: 'true', target: 'vip-desk' },
      { source: 'is-vip', sourcePort: 'false', target: 'support' },
      { source: 'vip-desk', sourcePort: 'assigned', target: 'with-agent' },
      // No VIP advisor free: the general support team helps instead of making a VIP wait.
      { source: 'vip-desk', sourcePort: 'no-agent', target: 'support' },
      { source: 'vip-desk', sourcePort: 'timeout', target: 'support' },
      { source: 'support', sourcePort: 'assigned', target: 'with-agent' },
      // After the agent resolves the chat, the customer rates it.
      { source: 'with-agent', sourcePort: 'resolved', target: 'rate' },
      { source: 'with-agent', sourcePort: 'timeout', target: 'done' },
      { source: 'rate', sourcePort: 'positive', target: 'goodbye' },
      { source: 'rate', sourcePort: 'negative', target: 'goodbye' },
      { source: 'rate', sourcePort: 'no-response', target: 'goodbye' },
      { source: 'support', sourcePort: 'no-agent', target: 'ask-email' },
      { source: 'support', sourcePort: 'timeout', target: 'ask-email' },
      { source: 'ask-email', sourcePort: 'answered', target: 'callback' },
      { source: 'ask-email', sourcePort: 'invalid', target: 'close' },
      { source: 'ask-email', sourcePort: 'timeout', target: 'close' },
      { source: 'callback', sourcePort: 'next', target: 'confirm' },
      { source: 'confirm', sourcePort: 'next', target: 'close' },
    ],
  },
  zh: {
    name: 'VIP 分配',
    description: 'VIP 客户转 VIP 专席，其他客户转客服团队，解决后请客户评分；非营业时间创建回访工单。',
    nodes: {
      'is-vip': { label: '是 VIP 客户吗？' },
      'vip-desk': {
        config: {
          waitingMessage: '{{contact.name | default: "您好"}}，欢迎回来！正在为您接通 VIP 专属顾问。',
        },
      },
      support: { config: { waitingMessage: '正在为您转接客服，请稍候。' } },
      'ask-email': {
        config: {
          question: '暂时没有客服可以接待。请留下您的邮箱，我们会在一个工作日内回复您。',
          retryText: '这似乎不是有效的邮箱地址，请检查后重新输入。',
        },
      },
      callback: {
        config: {
          subject: '回访：{{contact.name | default: "访客"}}',
          description: '没有客服可接待时客户留下邮箱 {{vars.email}} 请求回访；对话已关联到此工单。',
        },
      },
      confirm: { config: { text: '谢谢！我们会尽快发邮件到 {{vars.email}}。' } },
      close: { config: { farewell: '祝您生活愉快！' } },
      'with-agent': { label: '客服协助客户' },
      rate: {
        config: {
          question: '您对今天得到的帮助满意吗？请打分（1 = 很差，5 = 很好）',
          retryText: '请回复 1 到 5 之间的数字。',
          commentQuestion: '谢谢！还有什么想告诉我们的吗？',
        },
      },
      goodbye: { config: { farewell: '感谢您的反馈！' } },
    },
  },
};
