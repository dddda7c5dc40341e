import type { FlowDraft } from '@kefu/schemas';

/**
 * An A/B greeting: a random split at the start, then the customer's first message decides the
 * outcome the test wants — "person" escalates to the `support` team, "rate" asks for a rating and
 * closes, anything else is closed by the bot.
 */
export const splitFlow: FlowDraft = {
  schemaVersion: 1,
  name: 'A/B greeting',
  kind: 'auto-reply',
  nodes: [
    { id: 'start', type: 'conversation-started', config: {}, position: { x: 0, y: 0 } },
    {
      id: 'greeting',
      type: 'random-split',
      label: 'Greeting A/B',
      config: {
        branches: [
          { port: 'a', label: 'Short', weight: 50 },
          { port: 'b', label: 'Friendly', weight: 50 },
        ],
      },
      position: { x: 0, y: 120 },
    },
    { id: 'hello-a', type: 'send-message', config: { text: 'Greeting A.' }, position: { x: -200, y: 240 } },
    { id: 'hello-b', type: 'send-message', config: { text: 'Greeting B.' }, position: { x: 200, y: 240 } },
    { id: 'wait', type: 'wait-for-reply', config: {}, position: { x: 0, y: 360 } },
    {
      id: 'wants-person',
      type: 'condition',
      config: {
        rule: { all: [{ fact: 'message', path: '$.text', operator: 'containsText', value: 'person' }] },
      },
      position: { x: 0, y: 480 },
    },
    {
      id: 'escalate',
      type: 'escalate',
      config: { teamId: 'support', priority: 'high', notifySupervisor: false, note: '' },
      position: { x: -200, y: 600 },
    },
    {
      id: 'handed',
      type: 'send-message',
      config: { text: 'A teammate will answer.' },
      position: { x: -200, y: 720 },
    },
    { id: 'stop', type: 'end', config: {}, position: { x: -200, y: 840 } },
    {
      id: 'wants-rating',
      type: 'condition',
      config: {
        rule: { all: [{ fact: 'message', path: '$.text', operator: 'containsText', value: 'rate' }] },
      },
      position: { x: 200, y: 600 },
    },
    {
      id: 'survey',
      type: 'satisfaction-survey',
      config: { question: 'How did we do?' },
      position: { x: 400, y: 720 },
    },
    { id: 'close', type: 'close-conversation', config: { farewell: 'Bye.' }, position: { x: 200, y: 840 } },
  ],
  edges: [
    { source: 'start', sourcePort: 'next', target: 'greeting' },
    { source: 'greeting', sourcePort: 'a', target: 'hello-a' },
    { source: 'greeting', sourcePort: 'b', target: 'hello-b' },
    { source: 'hello-a', sourcePort: 'next', target: 'wait' },
    { source: 'hello-b', sourcePort: 'next', target: 'wait' },
    { source: 'wait', sourcePort: 'received', target: 'wants-person' },
    { source: 'wants-person', sourcePort: 'true', target: 'escalate' },
    { source: 'escalate', sourcePort: 'next', target: 'handed' },
    { source: 'handed', sourcePort: 'next', target: 'stop' },
    { source: 'wants-person', sourcePort: 'false', target: 'wants-rating' },
    { source: 'wants-rating', sourcePort: 'true', target: 'survey' },
    { source: 'wants-rating', sourcePort: 'false', target: 'close' },
    { source: 'survey', sourcePort: 'positive', target: 'close' },
    { source: 'survey', sourcePort: 'negative', target: 'close' },
    { source: 'survey', sourcePort: 'no-response', target: 'close' },
  ],
};
