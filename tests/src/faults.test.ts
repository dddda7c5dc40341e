import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Message } from '@kefu/schemas';
import { startTemporal, type RunningServer } from '../../scripts/lib/servers';
import { startProductOn, type RunningProduct, type Spawned } from './support/product-core';
import { spawnApi, spawnWorker, stopChild } from './support/product';
import { WidgetSocket, isBotText } from './support/widget-socket';

// Real processes killed for real: the API with SIGKILL right after it acknowledged a message, and the
// Temporal server (on its SQLite file) stopped and started again mid-conversation.
describe('faults', () => {
  let dir: string;
  let temporal: RunningServer;
  let product: RunningProduct;
  const children: Spawned[] = [];
  const track = (child: Spawned) => (children.push(child), child);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kefu-faults-'));
    temporal = await startTemporal({ dbFile: join(dir, 'temporal.db'), logFile: join(dir, 'temporal.log') });
    product = await startProductOn(
      {
        temporalAddress: temporal.address,
        mongoBaseUri: inject('mongoBaseUri'),
        postgresUrl: inject('postgresUrl'),
        workflowBundlePath: inject('workflowBundlePath'),
      },
      { api: 'none', worker: 'none' },
    );
  });
  afterEach(async () => {
    await Promise.all(children.splice(0).map((c) => stopChild(c)));
  });
  afterAll(async () => {
    await product?.stop();
    await temporal?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const stored = async (conversationId: string, author: Message['author']) =>
    (
      await product.models.Message.find({ workspaceId: product.workspaceId, conversationId, author })
        .sort({ createdAt: 1 })
        .lean()
    ).map((m) => m.text);

  it('loses nothing and repeats nothing when the API is killed right after acknowledging a message', async () => {
    const worker = track(spawnWorker(product.env));
    const api = track(spawnApi(product.env));
    await Promise.all([worker.ready, api.ready]);

    const first = await WidgetSocket.open(product.wsUrl);
    const session = await first.hello('visitor-api-killed');
    await first.next(isBotText(/Welcome/));
    first.send({ type: 'message', clientMessageId: 'api-killed-1', text: 'is my parcel lost?' });
    await first.next((f) => f.type === 'ack');
    api.kill('SIGKILL');

    // The customer's widget reconnects to the restarted API and resumes the conversation.
    const restarted = track(spawnApi(product.env));
    await restarted.ready;
    const again = await WidgetSocket.open(product.wsUrl);
    const resumed = await again.hello('visitor-api-killed');
    expect(resumed.conversationId).toBe(session.conversationId);
    const reply = /we got your message: "is my parcel lost\?"/;
    if (!resumed.messages.some((m) => reply.test(m.text))) await again.next(isBotText(reply));
    const seen = [...resumed.messages, ...again.pushed()].filter((m) => reply.test(m.text));
    expect(new Set(seen.map((m) => m.id)).size).toBe(1);

    expect(await stored(session.conversationId, 'customer')).toEqual(['is my parcel lost?']);
    expect(await stored(session.conversationId, 'bot')).toEqual([
      'Hi! Welcome to Demo Shop. How can we help you today?',
      'Thanks, we got your message: "is my parcel lost?". A teammate will answer shortly.',
    ]);
    await Promise.all([first.close(), again.close()]);
  });

  it('keeps a conversation going across a restart of the Temporal server', async () => {
    const worker = track(spawnWorker(product.env));
    const api = track(spawnApi(product.env));
    await Promise.all([worker.ready, api.ready]);
    const socket = await WidgetSocket.open(product.wsUrl);
    const session = await socket.hello('visitor-temporal-restart');
    await socket.next(isBotText(/Welcome/));

    await temporal.stop();
    // While Temporal is away the message is still stored, and the widget is told to send it again.
    let from = socket.frames.length;
    socket.send({ type: 'message', clientMessageId: 'temporal-down-1', text: 'anyone there?' });
    const refused = await socket.next((f) => f.type === 'error' || f.type === 'ack', from);
    expect(refused).toMatchObject({
      type: 'error',
      code: 'KEFU_ERR_UNAVAILABLE',
      clientMessageId: 'temporal-down-1',
    });
    expect(await stored(session.conversationId, 'customer')).toEqual(['anyone there?']);

    temporal = await startTemporal({
      port: temporal.port,
      dbFile: join(dir, 'temporal.db'),
      logFile: join(dir, 'temporal.log'),
    });
    // The widget's resend: same clientMessageId, stored once, answered once.
    from = socket.frames.length;
    for (let attempt = 0; ; attempt++) {
      socket.send({ type: 'message', clientMessageId: 'temporal-down-1', text: 'anyone there?' });
      const answer = await socket.next((f) => f.type === 'error' || f.type === 'ack', from);
      if (answer.type === 'ack') break;
      if (attempt > 20) throw new Error(`still refused after restart: ${JSON.stringify(answer)}`);
      from = socket.frames.length;
      await new Promise((r) => setTimeout(r, 500));
    }
    await socket.next(isBotText(/"anyone there\?"/));

    expect(await stored(session.conversationId, 'customer')).toEqual(['anyone there?']);
    expect(await stored(session.conversationId, 'bot')).toEqual([
      'Hi! Welcome to Demo Shop. How can we help you today?',
      'Thanks, we got your message: "anyone there?". A teammate will answer shortly.',
    ]);
    // A push may repeat when an activity's completion was lost with the server (at-least-once);
    // it repeats the same stored message, which the widget shows once, by id.
    const shown = [...new Map(socket.pushed('bot').map((m) => [m.id, m.text])).values()];
    expect(shown).toEqual(await stored(session.conversationId, 'bot'));
    await socket.close();
  });
});
