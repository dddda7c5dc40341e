import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawnWorker, startProduct, stopChild, type RunningProduct } from './support/product';
import { WidgetSocket, isBotText } from './support/widget-socket';

// The worker is a real OS process here, killed with SIGKILL: no clean-up, no goodbye to Temporal.
describe('worker crash between the stored message and the reply', () => {
  let product: RunningProduct;
  const children: ReturnType<typeof spawnWorker>[] = [];
  const worker = (extra: NodeJS.ProcessEnv = {}) => {
    const child = spawnWorker(product.env, extra);
    children.push(child);
    return child;
  };
  const killed = (child: ReturnType<typeof spawnWorker>) =>
    new Promise<NodeJS.Signals | null>((resolve) =>
      child.exitCode !== null || child.signalCode !== null
        ? resolve(child.signalCode)
        : child.once('exit', (_code, signal) => resolve(signal)),
    );

  beforeAll(async () => {
    product = await startProduct({ worker: 'none' });
  });
  afterEach(async () => {
    await Promise.all(children.splice(0).map((c) => stopChild(c)));
  });
  afterAll(async () => {
    await product?.stop();
  });

  async function botReplies(conversationId: string) {
    return (
      await product.models.Message.find({ workspaceId: product.workspaceId, conversationId, author: 'bot' })
        .sort({ createdAt: 1 })
        .lean()
    ).map((m) => m.text);
  }

  it('delivers the reply exactly once after the worker is killed and restarted', async () => {
    const first = worker();
    await first.ready;
    const socket = await WidgetSocket.open(product.wsUrl);
    const session = await socket.hello('visitor-crash-1');
    await socket.next(isBotText(/Welcome/));

    first.kill('SIGKILL');
    await killed(first);
    const from = socket.frames.length;
    socket.send({ type: 'message', clientMessageId: 'crash-1-msg', text: 'are you there?' });
    await socket.next((f) => f.type === 'ack', from);
    // Stored and handed to the run, but no worker is alive to answer.
    expect(await botReplies(session.conversationId)).toHaveLength(1);

    const second = worker();
    await second.ready;
    await socket.next(isBotText(/are you there\?/), from);
    expect(await botReplies(session.conversationId)).toEqual([
      'Hi! Welcome to Demo Shop. How can we help you today?',
      'Thanks, we got your message: "are you there?". A teammate will answer shortly.',
    ]);
    // Said once, as the widget shows it (a push may repeat under load; see WidgetSocket.shown).
    expect(socket.shown('bot').filter((m) => m.text.includes('are you there?'))).toHaveLength(1);
    await socket.close();
  });

  it('stores and shows one reply when the worker dies after storing it and before finishing the activity', async () => {
    const doomed = worker({ KEFU_FAULTS: 'after-reply-stored' });
    await doomed.ready;
    const socket = await WidgetSocket.open(product.wsUrl);
    const session = await socket.hello('visitor-crash-2');

    // The welcome reply is the first activity: the worker stores it, then dies before pushing it.
    expect(await killed(doomed)).toBe('SIGKILL');
    expect(await botReplies(session.conversationId)).toEqual([
      'Hi! Welcome to Demo Shop. How can we help you today?',
    ]);
    expect(socket.pushed('bot')).toHaveLength(0);

    const healthy = worker();
    await healthy.ready;
    // Temporal retries the activity on the new worker; its idempotency key finds the stored reply.
    await socket.next(isBotText(/Welcome/));
    const from = socket.frames.length;
    socket.send({ type: 'message', clientMessageId: 'crash-2-msg', text: 'hello after crash' });
    await socket.next(isBotText(/hello after crash/), from);

    expect(await botReplies(session.conversationId)).toEqual([
      'Hi! Welcome to Demo Shop. How can we help you today?',
      'Thanks, we got your message: "hello after crash". A teammate will answer shortly.',
    ]);
    expect(socket.shown('bot').map((m) => m.text)).toEqual(await botReplies(session.conversationId));
    await socket.close();
  });
});
