import { condition, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';
import type { FloorActivities } from './floor';

export const floorMessage = defineSignal<[{ messageId: string; text: string }]>('message');

const { storeAndPushReply } = proxyActivities<FloorActivities>({ startToCloseTimeout: '5s' });

/** The least a hand-written Temporal auto-reply can do: wait for a signal, reply through one activity. */
export async function floorConversation(conversationId: string): Promise<void> {
  const inbox: Array<{ messageId: string; text: string }> = [];
  setHandler(floorMessage, (m) => void inbox.push(m));
  for (;;) {
    await condition(() => inbox.length > 0);
    const m = inbox.shift()!;
    await storeAndPushReply({ conversationId, replyTo: m.messageId, text: `Thanks: ${m.text}` });
  }
}
