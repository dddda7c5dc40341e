import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProduct, type RunningProduct } from './support/product';
import { WidgetSocket, isBotText } from './support/widget-socket';

// The demo shop's flow end to end on real FerretDB and a real Temporal dev server:
// widget socket -> API stores -> signal-with-start -> workflow decides -> activity stores and pushes.
describe('walking skeleton: conversation started -> welcome -> wait -> knowledge base or auto-reply', () => {
  let product: RunningProduct;
  beforeAll(async () => {
    product = await startProduct();
  });
  afterAll(async () => {
    await product?.stop();
  });

  it('greets a new visitor, stores the message before acking it, and auto-replies once', async () => {
    const socket = await WidgetSocket.open(product.wsUrl);
    const session = await socket.hello('visitor-skeleton-1');
    expect(session.messages).toEqual([]);
    await socket.next(isBotText(/Welcome to Demo Shop/));

    const from = socket.frames.length;
    socket.send({ type: 'message', clientMessageId: 'skeleton-msg-1', text: 'hi' });
    const ack = await socket.next((f) => f.type === 'ack', from);
    if (ack.type !== 'ack') throw new Error('unreachable');
    // Acknowledged means durable: the message is already in MongoDB.
    const stored = await product.models.Message.findOne({
      workspaceId: product.workspaceId,
      _id: ack.message.id,
    }).lean();
    expect(stored).toMatchObject({ author: 'customer', text: 'hi', clientMessageId: 'skeleton-msg-1' });

    await socket.next(isBotText(/we got your message: "hi"/), from);
    const messages = await product.models.Message.find({
      workspaceId: product.workspaceId,
      conversationId: session.conversationId,
    })
      .sort({ createdAt: 1 })
      .lean();
    expect(messages.map((m) => [m.author, m.text])).toEqual([
      ['bot', 'Hi! Welcome to Demo Shop. How can we help you today?'],
      ['customer', 'hi'],
      ['bot', 'Thanks, we got your message: "hi". A teammate will answer shortly.'],
    ]);
    await socket.close();
  });

  it('resumes a returning visitor with the history, and stores a re-sent message once', async () => {
    const first = await WidgetSocket.open(product.wsUrl);
    const session = await first.hello('visitor-skeleton-2');
    await first.next(isBotText(/Welcome/));
    first.send({ type: 'message', clientMessageId: 'resent-msg-1', text: 'where is my order?' });
    // The demo knowledge base knows this one.
    await first.next(isBotText(/tracking number/));
    await first.close();

    const again = await WidgetSocket.open(product.wsUrl);
    const resumed = await again.hello('visitor-skeleton-2');
    expect(resumed.conversationId).toBe(session.conversationId);
    expect(resumed.messages.map((m) => m.author)).toEqual(['bot', 'customer', 'bot']);

    // The widget re-sends a message whose ack it never saw: same clientMessageId, same stored message.
    const from = again.frames.length;
    again.send({ type: 'message', clientMessageId: 'resent-msg-1', text: 'where is my order?' });
    const ack = await again.next((f) => f.type === 'ack', from);
    expect(ack.type === 'ack' && ack.message.id).toBe(resumed.messages[1]?.id);
    const customerMessages = await product.models.Message.countDocuments({
      workspaceId: product.workspaceId,
      conversationId: session.conversationId,
      author: 'customer',
    });
    expect(customerMessages).toBe(1);

    // ...and the run, which ignores a message id it has seen, does not answer it twice.
    again.send({ type: 'message', clientMessageId: 'resent-msg-2', text: 'hello?' });
    await again.next(isBotText(/hello\?/), from);
    const replies = await product.models.Message.find({
      workspaceId: product.workspaceId,
      conversationId: session.conversationId,
      author: 'bot',
    })
      // In the order they were written: an updated document moves in the store's own order.
      .sort({ createdAt: 1, _id: 1 })
      .lean();
    expect(replies.map((m) => m.text)).toEqual([
      'Hi! Welcome to Demo Shop. How can we help you today?',
      'Your order page shows its tracking number once it ships. Send us your order number (QY + 8 digits) and a teammate will check it.',
      'Thanks, we got your message: "hello?". A teammate will answer shortly.',
    ]);
    await again.close();
  });

  it('keeps conversations of different visitors apart', async () => {
    const [a, b] = await Promise.all([WidgetSocket.open(product.wsUrl), WidgetSocket.open(product.wsUrl)]);
    const [sa, sb] = await Promise.all([a.hello('visitor-apart-a'), b.hello('visitor-apart-b')]);
    expect(sa.conversationId).not.toBe(sb.conversationId);
    a.send({ type: 'message', clientMessageId: 'apart-a-1', text: 'only for A' });
    await a.next(isBotText(/only for A/));
    await b.next(isBotText(/Welcome/));
    expect(b.pushed().some((m) => m.text.includes('only for A'))).toBe(false);
    await Promise.all([a.close(), b.close()]);
  });
});
