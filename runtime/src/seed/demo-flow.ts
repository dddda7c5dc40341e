import type { FlowDraft } from '@kefu/schemas';

/**
 * The demo shop's published flow: greet, then answer each message from the demo knowledge base
 * (demo-articles.ts) when sure, and otherwise say a teammate will answer. No "did you mean" buttons:
 * an unsure question gets exactly one reply, which the fault harness counts on.
 */
export const demoFlowDraft: FlowDraft = {
  schemaVersion: 1,
  name: 'Welcome and auto-reply',
  kind: 'auto-reply',
  description:
    'Greets a customer who opens the chat, answers from the knowledge base when sure, and acknowledges every other message.',
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
      id: 'answer',
      type: 'answer-from-knowledge-base',
      config: { suggest: false },
      position: { x: 0, y: 360 },
    },
    {
      id: 'auto-reply',
      type: 'send-message',
      config: {
        text: 'Thanks, we got your message: "{{vars.lastMessage}}". A teammate will answer shortly.',
      },
      position: { x: 200, y: 480 },
    },
  ],
  edges: [
    { source: 'start', sourcePort: 'next', target: 'welcome' },
    { source: 'welcome', sourcePort: 'next', target: 'wait' },
    { source: 'wait', sourcePort: 'received', target: 'answer' },
    { source: 'answer', sourcePort: 'answered', target: 'wait' },
    { source: 'answer', sourcePort: 'not-found', target: 'auto-reply' },
    { source: 'auto-reply', sourcePort: 'next', target: 'wait' },
  ],
  variables: [{ name: 'lastMessage', description: "The customer's latest message" }],
};
