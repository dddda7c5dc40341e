import type { FlowDraft } from '@kefu/schemas';
import { WidgetSocket, isBotText } from './widget-socket';

/**
 * Start → wait for the first message → condition (asks about hours?) → a random split into two
 * replies and the End; otherwise a follow-up question that waits (nobody answers it here).
 */
export const funnelFlow: FlowDraft = {
  schemaVersion: 1,
  name: 'Funnel',
  kind: 'auto-reply',
  nodes: [
    { id: 'start', type: 'conversation-started', config: {}, position: { x: 0, y: 0 } },
    { id: 'wait', type: 'wait-for-reply', config: {}, position: { x: 0, y: 160 } },
    {
      id: 'hours',
      type: 'condition',
      config: {
        rule: { all: [{ fact: 'message', path: '$.text', operator: 'containsText', value: 'hours' }] },
      },
      position: { x: 280, y: 160 },
    },
    {
      id: 'split',
      type: 'random-split',
      config: {
        branches: [
          { port: 'a', label: 'A', weight: 50 },
          { port: 'b', label: 'B', weight: 50 },
        ],
      },
      position: { x: 560, y: 60 },
    },
    {
      id: 'reply-a',
      type: 'send-message',
      config: { text: 'Branch A: open 9 to 6.' },
      position: { x: 840, y: 0 },
    },
    {
      id: 'reply-b',
      type: 'send-message',
      config: { text: 'Branch B: open nine to six.' },
      position: { x: 840, y: 120 },
    },
    { id: 'end', type: 'end', config: {}, position: { x: 1120, y: 60 } },
    {
      id: 'more',
      type: 'send-message',
      config: { text: 'Tell me more, please.' },
      position: { x: 560, y: 300 },
    },
    { id: 'wait-more', type: 'wait-for-reply', config: {}, position: { x: 840, y: 300 } },
  ],
  edges: [
    { source: 'start', sourcePort: 'next', target: 'wait' },
    { source: 'wait', sourcePort: 'received', target: 'hours' },
    { source: 'hours', sourcePort: 'true', target: 'split' },
    { source: 'hours', sourcePort: 'false', target: 'more' },
    { source: 'split', sourcePort: 'a', target: 'reply-a' },
    { source: 'split', sourcePort: 'b', target: 'reply-b' },
    { source: 'reply-a', sourcePort: 'next', target: 'end' },
    { source: 'reply-b', sourcePort: 'next', target: 'end' },
    { source: 'more', sourcePort: 'next', target: 'wait-more' },
    { source: 'wait-more', sourcePort: 'received', target: 'end' },
  ],
};

/**
 * Six conversations on the shop's widget, each waiting for the bot's answer: four ask about hours
 * (the split), two do not (the follow-up question, left unanswered).
 */
export async function talkToFunnel(wsUrl: string, publicKey: string, label: string): Promise<void> {
  const talks = [
    { text: 'what are your hours', reply: /Branch [AB]/ },
    { text: 'opening hours please', reply: /Branch [AB]/ },
    { text: 'hours on sunday?', reply: /Branch [AB]/ },
    { text: 'your hours', reply: /Branch [AB]/ },
    { text: 'where is my parcel', reply: /Tell me more/ },
    { text: 'I want a refund', reply: /Tell me more/ },
  ];
  for (const [i, talk] of talks.entries()) {
    const socket = await WidgetSocket.open(wsUrl);
    try {
      await socket.hello(`visitor-${label}-${i}`, publicKey);
      socket.send({ type: 'message', clientMessageId: `funnel-${label}-${i}`, text: talk.text });
      await socket.next(isBotText(talk.reply));
    } finally {
      await socket.close();
    }
  }
}
