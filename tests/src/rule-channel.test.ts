import { afterAll, beforeAll, describe, it } from 'vitest';
import type { FlowDraft } from '@kefu/schemas';
import { startProduct, type RunningProduct } from './support/product';
import { publishFlow } from './support/publish-flow';
import { signUpShop, type Shop } from './support/shop';
import { WidgetSocket, isBotText } from './support/widget-socket';

/** Greets by channel: the rule reads the `channel` fact the designer offers as "Channel". */
const byChannel: FlowDraft = {
  schemaVersion: 1,
  name: 'Greeting by channel',
  kind: 'auto-reply',
  nodes: [
    { id: 'start', type: 'conversation-started', config: {}, position: { x: 0, y: 0 } },
    {
      id: 'web',
      type: 'condition',
      config: { rule: { all: [{ fact: 'channel', operator: 'equal', value: 'web' }] } },
      position: { x: 0, y: 140 },
    },
    {
      id: 'hi-web',
      type: 'send-message',
      config: { text: 'Hello, web visitor' },
      position: { x: -160, y: 280 },
    },
    {
      id: 'hi-other',
      type: 'send-message',
      config: { text: 'Hello from elsewhere' },
      position: { x: 160, y: 280 },
    },
  ],
  edges: [
    { source: 'start', sourcePort: 'next', target: 'web' },
    { source: 'web', sourcePort: 'true', target: 'hi-web' },
    { source: 'web', sourcePort: 'false', target: 'hi-other' },
  ],
};

// The widget's conversations used to reach rules with an empty channel (only `conversation.channel`
// was set), so "Channel equals web" was false for every web chat.
describe('the channel fact in rules', () => {
  let product: RunningProduct;
  let shop: Shop;
  beforeAll(async () => {
    product = await startProduct();
    shop = await signUpShop(product.url, 'rule-channel');
    await publishFlow(product.url, shop, byChannel);
  });
  afterAll(async () => {
    await product?.stop();
  });

  it('is "web" for a widget chat', async () => {
    const socket = await WidgetSocket.open(product.wsUrl);
    try {
      await socket.hello('visitor-rule-channel', shop.publicKey);
      await socket.next(isBotText(/Hello, web visitor/));
    } finally {
      await socket.close();
    }
  });
});
