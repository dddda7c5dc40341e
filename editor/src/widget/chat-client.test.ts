import { describe, expect, it } from 'vitest';
import type { Message } from '@kefu/schemas';
import { ChatClient, upsertMessage, type ChatState } from './chat-client';

const message = (id: string, author: Message['author'], text: string, clientMessageId?: string): Message => ({
  id,
  conversationId: 'c1',
  author,
  text,
  createdAt: '2026-11-26T00:00:00.000Z',
  ...(clientMessageId ? { clientMessageId } : {}),
});

/** A stand-in for the browser's WebSocket that records what the client sends and lets the test answer. */
class ScriptedSocket {
  static all: ScriptedSocket[] = [];
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor() {
    ScriptedSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.onclose?.();
  }
  serverSends(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

function client() {
  ScriptedSocket.all = [];
  let state: ChatState = { connection: 'connecting', entries: [] };
  const c = new ChatClient({
    url: 'ws://test/ws/widget',
    workspace: 'demo',
    visitor: { visitorId: 'visitor-0001' },
    onChange: (s) => (state = s),
    createSocket: () => new ScriptedSocket() as unknown as WebSocket,
  });
  return { c, state: () => state, socket: (i = -1) => ScriptedSocket.all.at(i) as ScriptedSocket };
}

describe('upsertMessage', () => {
  it('adds a message once and replaces the pending entry it acknowledges', () => {
    const pending = [
      { key: 'local-1', clientMessageId: 'local-1', pendingText: 'hi', status: 'sending' as const },
    ];
    const acked = upsertMessage(pending, message('m1', 'customer', 'hi', 'local-1'));
    expect(acked).toEqual([expect.objectContaining({ key: 'm1', status: 'sent' })]);
    expect(upsertMessage(acked, message('m1', 'customer', 'hi', 'local-1'))).toBe(acked);
  });
});

describe('ChatClient', () => {
  it('queues messages typed while offline and sends each once after the session resumes', () => {
    const { c, state, socket } = client();
    c.start();
    socket().onopen?.();
    expect(socket().sent).toEqual([{ type: 'hello', workspace: 'demo', visitorId: 'visitor-0001' }]);

    c.send('typed before the session');
    expect(socket().sent).toHaveLength(1);
    socket().serverSends({ type: 'session', conversationId: 'c1', messages: [] });
    const first = socket().sent[1] as { clientMessageId: string; text: string };
    expect(first).toMatchObject({ type: 'message', text: 'typed before the session' });

    // The connection drops before the ack arrives: the message must be re-sent with the same id.
    socket().close();
    expect(state().connection).toBe('offline');
    c.send('typed while offline');
    const second = ScriptedSocket.all.length;
    return new Promise<void>((resolve) => {
      setTimeout(() => {
        expect(ScriptedSocket.all.length).toBe(second + 1);
        socket().onopen?.();
        // The server already stored the first message before the drop: it comes back in the history.
        socket().serverSends({
          type: 'session',
          conversationId: 'c1',
          messages: [message('m1', 'customer', 'typed before the session', first.clientMessageId)],
        });
        const resent = socket().sent.slice(1) as Array<{ text: string }>;
        expect(resent.map((f) => f.text)).toEqual(['typed while offline']);
        expect(state().entries.map((e) => e.message?.text ?? e.pendingText)).toEqual([
          'typed before the session',
          'typed while offline',
        ]);
        c.stop();
        resolve();
      }, 400);
    });
  });

  it('shows a pushed message once even when history repeats it', () => {
    const { c, state, socket } = client();
    c.start();
    socket().onopen?.();
    socket().serverSends({
      type: 'session',
      conversationId: 'c1',
      messages: [message('b1', 'bot', 'Welcome')],
    });
    socket().serverSends({ type: 'message', message: message('b1', 'bot', 'Welcome') });
    socket().serverSends({ type: 'message', message: message('b2', 'bot', 'Second') });
    expect(state().entries.map((e) => e.key)).toEqual(['b1', 'b2']);
    socket().serverSends({
      type: 'error',
      statusCode: 503,
      code: 'KEFU_ERR_UNAVAILABLE',
      message: 'try again',
    });
    expect(state().error).toBe('try again');
    c.stop();
  });

  it('sends a message again, with the same id, when the server could not hand it on yet', async () => {
    const { c, state, socket } = client();
    c.start();
    socket().onopen?.();
    socket().serverSends({ type: 'session', conversationId: 'c1', messages: [] });
    c.send('are you there?');
    const sent = socket().sent[1] as { clientMessageId: string };
    socket().serverSends({
      type: 'error',
      statusCode: 503,
      code: 'KEFU_ERR_UNAVAILABLE',
      message: 'Message saved; the assistant is unavailable, please resend',
      clientMessageId: sent.clientMessageId,
    });
    await expect.poll(() => socket().sent.length).toBe(3);
    expect(socket().sent[2]).toEqual(sent);
    socket().serverSends({
      type: 'ack',
      clientMessageId: sent.clientMessageId,
      message: message('m1', 'customer', 'are you there?', sent.clientMessageId),
    });
    expect(state().entries.map((e) => e.status)).toEqual(['sent']);
    // A refusal of the message itself (4xx) is not retried.
    c.send('x');
    const second = socket().sent[3] as { clientMessageId: string };
    socket().serverSends({
      type: 'error',
      statusCode: 400,
      code: 'KEFU_ERR_VALIDATION',
      message: 'bad',
      clientMessageId: second.clientMessageId,
    });
    await new Promise((r) => setTimeout(r, 700));
    expect(socket().sent).toHaveLength(4);
    c.stop();
  });

  it('gives a refused message back to the composer, keeps it out of the chat and never resends it', () => {
    const { c, state, socket } = client();
    c.start();
    socket().onopen?.();
    socket().serverSends({ type: 'session', conversationId: 'c1', messages: [] });
    c.send('帮我刷单');
    const sent = socket().sent[1] as { clientMessageId: string };
    expect(state().entries.map((e) => e.pendingText)).toEqual(['帮我刷单']);
    socket().serverSends({
      type: 'error',
      statusCode: 422,
      code: 'KEFU_ERR_SENSITIVE',
      message: 'Not sent: the message contains words this shop does not accept (fraud)',
      field: 'text',
      clientMessageId: sent.clientMessageId,
    });
    expect(state().entries).toEqual([]);
    expect(state().returned).toEqual({ text: '帮我刷单', key: sent.clientMessageId });
    expect(state().error).toMatch(/does not accept/);
    expect(state().errorCode).toBe('KEFU_ERR_SENSITIVE');
    // Reworded and sent: the refusal is gone.
    c.send('帮我下单');
    const reworded = socket().sent.at(-1) as { clientMessageId: string };
    socket().serverSends({
      type: 'ack',
      clientMessageId: reworded.clientMessageId,
      message: message('m9', 'customer', '帮我下单', reworded.clientMessageId),
    });
    expect(state().error).toBeUndefined();
    // A resumed session resends what is still waiting: not the refused one.
    const before = socket().sent.length;
    socket().serverSends({ type: 'session', conversationId: 'c1', messages: [] });
    expect(socket().sent.slice(before)).toEqual([]);
    c.stop();
  });

  it('presents the token of its last session on reconnect, under the visitorId that session named', async () => {
    ScriptedSocket.all = [];
    const kept: unknown[] = [];
    const c = new ChatClient({
      url: 'ws://test/ws/widget',
      workspace: 'demo',
      visitor: { visitorId: 'visitor-0001', visitorToken: 'v2.expired' },
      onVisitor: (v) => kept.push(v),
      onChange: () => {},
      createSocket: () => new ScriptedSocket() as unknown as WebSocket,
    });
    const socket = () => ScriptedSocket.all.at(-1) as ScriptedSocket;
    c.start();
    socket().onopen?.();
    expect(socket().sent[0]).toEqual({
      type: 'hello',
      workspace: 'demo',
      visitorId: 'visitor-0001',
      visitorToken: 'v2.expired',
    });
    // The stored token no longer resumes: the server starts this visitor afresh under a new id.
    const fresh = { visitorId: 'visitor-new-0002', visitorToken: 'v2.fresh' };
    socket().serverSends({ type: 'session', conversationId: 'c2', messages: [], ...fresh });
    expect(kept).toEqual([fresh]);
    socket().close();
    await expect.poll(() => ScriptedSocket.all.length).toBe(2);
    socket().onopen?.();
    expect(socket().sent[0]).toEqual({ type: 'hello', workspace: 'demo', ...fresh });
    c.stop();
  });
});
