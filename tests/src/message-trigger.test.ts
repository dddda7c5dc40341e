import { type Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationWorkflowId, messageWorkflowId, type WidgetServerFrame } from '@kefu/schemas';
import { startProduct, type RunningProduct } from './support/product';
import { signUpShop, type Shop } from './support/shop';
import { lineDraft, publishFlow } from './support/publish-flow';
import { WidgetSocket, isBotText } from './support/widget-socket';
import { productTemporal } from './support/product-temporal';

type Ack = Extract<WidgetServerFrame, { type: 'ack' }>;

// Which published flow a widget event starts, through the real API, worker and Temporal: trigger
// filters decide, and a message-received run belongs to one message.
describe('flow triggers', () => {
  let product: RunningProduct;
  let connection: Connection;
  let temporal: Client;

  beforeAll(async () => {
    product = await startProduct();
    connection = await Connection.connect({ address: product.env.TEMPORAL_ADDRESS! });
    temporal = productTemporal(connection, product.env);
  });
  afterAll(async () => {
    await connection?.close();
    await product?.stop();
  });

  const bot = async (shop: Shop, conversationId: string) =>
    (
      await product.models.Message.find({ workspaceId: shop.workspaceId, conversationId, author: 'bot' })
        .sort({ createdAt: 1 })
        .lean()
    ).map((m) => m.text);
  const exists = async (workflowId: string) =>
    temporal.workflow
      .getHandle(workflowId)
      .describe()
      .then(
        () => true,
        (err: unknown) => (err instanceof WorkflowNotFoundError ? false : Promise.reject(err)),
      );
  async function send(socket: WidgetSocket, clientMessageId: string, text: string): Promise<Ack> {
    const id = `client-${clientMessageId}`;
    const from = socket.frames.length;
    socket.send({ type: 'message', clientMessageId: id, text });
    const answer = await socket.next(
      (f) => f.type === 'error' || (f.type === 'ack' && f.clientMessageId === id),
      from,
    );
    if (answer.type !== 'ack') throw new Error(`message refused: ${JSON.stringify(answer)}`);
    return answer;
  }

  it('runs a message-received flow once per matching message; other messages and re-sends start nothing', async () => {
    const shop = await signUpShop(product.url, 'refunds');
    await publishFlow(
      product.url,
      shop,
      lineDraft('Refund desk', [
        { id: 'msg', type: 'message-received', config: { keywords: ['refund'], match: 'any' } },
        { id: 'reply', type: 'send-message', config: { text: 'Refund request noted: "{{message.text}}"' } },
        { id: 'done', type: 'end', config: {} },
      ]),
    );
    const socket = await WidgetSocket.open(product.wsUrl);
    const session = await socket.hello('visitor-refund', shop.publicKey);
    // No conversation-started flow: opening the chat starts nothing.
    expect(await exists(conversationWorkflowId(session.conversationId))).toBe(false);

    const hello = await send(socket, 'm1', 'hello there');
    // The run (if any) is started before the ack: none for a message the keywords do not match.
    expect(await exists(messageWorkflowId(hello.message.id))).toBe(false);

    const refund = await send(socket, 'm2', 'I want a REFUND please');
    await socket.next(isBotText(/Refund request noted: "I want a REFUND please"/));
    const run = temporal.workflow.getHandle(messageWorkflowId(refund.message.id));
    await run.result();

    // The widget re-sends the same message (its ack was lost): same stored message, no new run.
    const resent = await send(socket, 'm2', 'I want a REFUND please');
    expect(resent.message.id).toBe(refund.message.id);
    const again = await send(socket, 'm3', 'second refund question');
    await socket.next(isBotText(/second refund question/));
    await temporal.workflow.getHandle(messageWorkflowId(again.message.id)).result();

    expect(await bot(shop, session.conversationId)).toEqual([
      'Refund request noted: "I want a REFUND please"',
      'Refund request noted: "second refund question"',
    ]);
    const runs = await product.models.FlowRun.find({ workspaceId: shop.workspaceId }).lean();
    expect(runs.map((r) => r.workflowId).sort()).toEqual(
      [messageWorkflowId(refund.message.id), messageWorkflowId(again.message.id)].sort(),
    );
    expect(runs.every((r) => r.status === 'completed')).toBe(true);
    await socket.close();
  });

  it('applies conversation-started filters: a flow for another channel starts nothing, and messages then go to the message-received flow', async () => {
    const shop = await signUpShop(product.url, 'channels');
    await publishFlow(
      product.url,
      shop,
      lineDraft('Email greeting', [
        { id: 'start', type: 'conversation-started', config: { channels: ['email'] } },
        { id: 'hi', type: 'send-message', config: { text: 'Hello from the email flow' } },
        { id: 'done', type: 'end', config: {} },
      ]),
    );
    await publishFlow(
      product.url,
      shop,
      lineDraft('Any message', [
        { id: 'msg', type: 'message-received', config: { channels: ['web'] } },
        { id: 'reply', type: 'send-message', config: { text: 'Got: {{message.text}}' } },
        { id: 'done', type: 'end', config: {} },
      ]),
    );
    const socket = await WidgetSocket.open(product.wsUrl);
    const session = await socket.hello('visitor-web', shop.publicKey);
    expect(await exists(conversationWorkflowId(session.conversationId))).toBe(false);
    await send(socket, 'w1', 'where is my order');
    await socket.next(isBotText(/^Got: where is my order$/));
    expect(await bot(shop, session.conversationId)).toEqual(['Got: where is my order']);

    // The same greeting published for the web: a new conversation starts it.
    await publishFlow(
      product.url,
      shop,
      lineDraft('Web greeting', [
        { id: 'start', type: 'conversation-started', config: { channels: ['web'] } },
        { id: 'hi', type: 'send-message', config: { text: 'Hello from the web flow' } },
        { id: 'done', type: 'end', config: {} },
      ]),
    );
    const other = await WidgetSocket.open(product.wsUrl);
    const second = await other.hello('visitor-web-2', shop.publicKey);
    await other.next(isBotText(/Hello from the web flow/));
    // Its run ended after the greeting: the next message goes to the message-received flow.
    await temporal.workflow.getHandle(conversationWorkflowId(second.conversationId)).result();
    await send(other, 'w2', 'and now?');
    await other.next(isBotText(/^Got: and now\?$/));
    expect(await bot(shop, second.conversationId)).toEqual(['Hello from the web flow', 'Got: and now?']);
    await Promise.all([socket.close(), other.close()]);
  });

  it('gives a message-received run waiting for an answer the next message as its reply', async () => {
    const shop = await signUpShop(product.url, 'questions');
    await publishFlow(
      product.url,
      shop,
      lineDraft('Order lookup', [
        { id: 'msg', type: 'message-received', config: { keywords: ['order'] } },
        {
          id: 'ask',
          type: 'ask-question',
          config: { question: 'Which order number?', answerType: 'number', saveAs: 'order', maxAttempts: 1 },
          port: 'answered',
        },
        { id: 'reply', type: 'send-message', config: { text: 'Looking up order {{vars.order}}' } },
        { id: 'done', type: 'end', config: {} },
      ]),
    );
    const socket = await WidgetSocket.open(product.wsUrl);
    const session = await socket.hello('visitor-order', shop.publicKey);
    const first = await send(socket, 'o1', 'about my order');
    await socket.next(isBotText(/Which order number\?/));
    const answer = await send(socket, 'o2', '1234');
    await socket.next(isBotText(/Looking up order 1234/));
    await temporal.workflow.getHandle(messageWorkflowId(first.message.id)).result();
    expect(await exists(messageWorkflowId(answer.message.id))).toBe(false);
    expect(await bot(shop, session.conversationId)).toEqual(['Which order number?', 'Looking up order 1234']);
    await socket.close();
  });
});
