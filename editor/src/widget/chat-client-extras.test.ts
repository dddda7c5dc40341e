import { describe, expect, it } from 'vitest';
import type { Message } from '@kefu/schemas';
import { ChatClient, type ChatState } from './chat-client';

/** The browser's WebSocket, scripted: records what the client sends and lets the test answer. */
class ScriptedSocket {
  static all: ScriptedSocket[] = [];
  sent: Array<Record<string, unknown>> = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor() {
    ScriptedSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close() {
    this.onclose?.();
  }
  serverSends(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

function online() {
  ScriptedSocket.all = [];
  let state: ChatState = { connection: 'connecting', entries: [] };
  const c = new ChatClient({
    url: 'ws://test/ws/widget',
    workspace: 'demo',
    visitor: { visitorId: 'visitor-0001' },
    onChange: (s) => (state = s),
    createSocket: () => new ScriptedSocket() as unknown as WebSocket,
  });
  c.start();
  const socket = () => ScriptedSocket.all.at(-1)!;
  socket().onopen?.();
  socket().serverSends({ type: 'session', conversationId: 'c1', messages: [] });
  return {
    c,
    state: () => state,
    socket,
    frames: (type: string) => socket().sent.filter((f) => f.type === type),
  };
}

const agentMessage = (id: string, text: string): Message => ({
  id,
  conversationId: 'c1',
  author: 'agent',
  text,
  createdAt: '2026-11-26T00:00:00.000Z',
});

describe('ChatClient typing', () => {
  it('tells the server once per burst of keystrokes, and that typing stopped when the message is sent', () => {
    const { c, frames } = online();
    c.typing();
    c.typing();
    c.typing();
    expect(frames('typing')).toEqual([{ type: 'typing', typing: true }]);
    c.send('hello');
    expect(frames('typing')).toEqual([
      { type: 'typing', typing: true },
      { type: 'typing', typing: false },
    ]);
    c.stop();
  });

  it("shows the agent's typing until their message arrives", () => {
    const { c, state, socket } = online();
    socket().serverSends({ type: 'typing', typing: true });
    expect(state().agentTyping).toBe(true);
    socket().serverSends({ type: 'message', message: agentMessage('a1', 'Here you go') });
    expect(state().agentTyping).toBe(false);
    c.stop();
  });
});

describe('ChatClient offline form', () => {
  it('sends the form, resends it with the same requestId after a drop, and reports it sent once received', async () => {
    const { c, state, socket, frames } = online();
    c.sendOfflineForm({ email: 'ann@example.com', message: 'Open on Sunday?' });
    const [form] = frames('offline-form');
    expect(form).toMatchObject({ email: 'ann@example.com', message: 'Open on Sunday?' });
    expect(state().offlineForm).toEqual({ status: 'sending', email: 'ann@example.com' });

    socket().close();
    await expect.poll(() => ScriptedSocket.all.length).toBe(2);
    socket().onopen?.();
    socket().serverSends({ type: 'session', conversationId: 'c1', messages: [] });
    expect(frames('offline-form')).toEqual([form]);

    socket().serverSends({ type: 'offline-form-received', requestId: form!.requestId, ticketId: 't1' });
    expect(state().offlineForm).toEqual({ status: 'sent', email: 'ann@example.com' });
    c.stop();
  });

  it('gives a refused form back to the customer with the reason', () => {
    const { c, state, socket, frames } = online();
    c.sendOfflineForm({ email: 'ann@example.com', message: 'x' });
    const [form] = frames('offline-form');
    socket().serverSends({
      type: 'error',
      statusCode: 400,
      code: 'KEFU_ERR_VALIDATION',
      message: '/email must match format "email"',
      requestId: form!.requestId,
    });
    expect(state().offlineForm).toBeUndefined();
    expect(state().error).toContain('email');
    c.stop();
  });
});
