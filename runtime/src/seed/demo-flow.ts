import type { FlowDraft } from '@kefu/schemas';

/** The demo shop's published flow: greet, then answer every message until a person takes over. */
export const demoFlowDraft: FlowDraft = {
  schemaVersion: 1,
  name: 'Welcome and auto-reply',
  kind: 'auto-reply',
  description: 'Greets a customer who opens the chat and acknowledges each message.',
  nodes: [
    { id: 'start', type: 'conversation-started', config: {}, position: { x: 0, y: 0 } },
    {
      id: 'welcome',
      type: 'send-message',
      config: { text: 'Hi! Welcome to Demo Shop. How can we help you today?' },
      position: { x: 0, y: 120 },
    },
    { id: 'wait', type: 'wait-for-reply', config: { saveAs: 'lastMessage' }, position: { x: 0, y: 240 } },
    {
      id: 'auto-reply',
      type: 'send-message',
      config: { text: 'Thanks, we got your message: "{{vars.lastMessage}}". A teammate will answer shortly.' },
      position: { x: 0, y: 360 },
    },
  ],
  edges: [
    { source: 'start', sourcePort: 'next', target: 'welcome' },
    { source: 'welcome', sourcePort: 'next', target: 'wait' },
    { source: 'wait', sourcePort: 'received', target: 'auto-reply' },
    { source: 'auto-reply', sourcePort: 'next', target: 'wait' },
  ],
  variables: [{ name: 'lastMessage', description: "The customer's latest message" }],
};
