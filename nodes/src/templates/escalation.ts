import type { StarterTemplate } from './starter-template';

/** Escalates to a supervisor when no agent has taken the chat within 10 minutes. */
export const escalationTemplate: StarterTemplate = {
  id: 'escalate-after-10-minutes',
  kind: 'escalation',
  name: { en: 'Escalate after 10 minutes without an agent', zh: '10 分钟无人接待则升级' },
  description: {
    en: 'Offers the chat to the support team; if nobody accepts within 10 minutes, raises it to urgent and hands it to the supervisors; if they cannot take it either, opens an urgent ticket.',
    zh: '先分配给客服团队；10 分钟内无人接入则升级为紧急并转给主管；主管也无法接入时创建紧急工单。',
  },
  draft: {
    schemaVersion: 1,
    name: 'Escalate after 10 minutes',
    kind: 'escalation',
    description: 'Support team first; supervisors after 10 minutes; an urgent ticket as the last resort.',
    nodes: [
      { id: 'start', type: 'conversation-started', config: {}, position: { x: 0, y: 0 } },
      {
        id: 'support',
        type: 'route-to-team',
        config: { teamId: 'support', strategy: 'least-loaded', timeoutMinutes: 10 },
        position: { x: 0, y: 160 },
      },
      {
        id: 'escalate',
        type: 'escalate',
        config: {
          priority: 'urgent',
          teamId: 'supervisors',
          notifySupervisor: true,
          note: '{{contact.name | default: "A visitor"}} has waited 10 minutes without an agent.',
        },
        position: { x: 0, y: 320 },
      },
      {
        id: 'sorry',
        type: 'send-message',
        config: {
          text: 'Sorry for the wait, {{contact.name | default: "friend"}}. We\'ve asked a supervisor to help you right away.',
        },
        position: { x: 0, y: 490 },
      },
      {
        id: 'supervisors',
        type: 'route-to-team',
        config: {
          teamId: 'supervisors',
          strategy: 'round-robin',
          timeoutMinutes: 10,
          waitingMessage: 'A supervisor will be with you shortly.',
        },
        position: { x: 0, y: 650 },
      },
      {
        id: 'urgent-ticket',
        type: 'create-ticket',
        config: {
          subject: 'Unanswered chat: {{contact.name | default: "a visitor"}}',
          description:
            'No agent or supervisor accepted the chat within 20 minutes. Last message: {{message.text}}',
          priority: 'urgent',
          tags: ['escalated', 'unanswered'],
          dueInMinutes: 60,
        },
        position: { x: 260, y: 810 },
      },
      {
        id: 'promise',
        type: 'send-message',
        config: {
          text: 'We could not connect you live, but your case is our top priority: expect our reply within the hour.',
        },
        position: { x: 260, y: 970 },
      },
      { id: 'done', type: 'end', config: {}, position: { x: -260, y: 970 } },
    ],
    edges: [
      { source: 'start', sourcePort: 'next', target: 'support' },
      { source: 'support', sourcePort: 'assigned', target: 'done' },
      { source: 'support', sourcePort: 'timeout', target: 'escalate' },
      { source: 'support', sourcePort: 'no-agent', target: 'escalate' },
      { source: 'escalate', sourcePort: 'next', target: 'sorry' },
      { source: 'sorry', sourcePort: 'next', target: 'supervisors' },
      { source: 'supervisors', sourcePort: 'assigned', target: 'done' },
      { source: 'supervisors', sourcePort: 'timeout', target: 'urgent-ticket' },
      { source: 'supervisors', sourcePort: 'no-agent', target: 'urgent-ticket' },
      { source: 'urgent-ticket', sourcePort: 'next', target: 'promise' },
      { source: 'promise', sourcePort: 'next', target: 'done' },
    ],
  },
  zh: {
    name: '无人接待升级',
    description: '先转客服团队；10 分钟无人接待转主管；最后创建紧急工单。',
    nodes: {
      support: { config: { waitingMessage: '正在为您转接客服，请稍候。' } },
      escalate: { config: { note: '{{contact.name | default: "一位访客"}} 已等待 10 分钟仍无客服接待。' } },
      sorry: {
        config: { text: '抱歉让您久等了，{{contact.name | default: "您好"}}。我们已请主管马上为您处理。' },
      },
      supervisors: { config: { waitingMessage: '主管马上为您服务。' } },
      'urgent-ticket': {
        config: {
          subject: '无人接待的对话：{{contact.name | default: "访客"}}',
          description: '20 分钟内没有客服或主管接待此对话。最后一条消息：{{message.text}}',
        },
      },
      promise: {
        config: { text: '暂时无法为您接通人工客服，但您的问题是我们的首要任务：我们会在一小时内回复您。' },
      },
    },
  },
};
