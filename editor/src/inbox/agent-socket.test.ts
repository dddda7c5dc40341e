import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectAgentSocket, type AgentFrame, type SocketStatus } from './agent-socket';

/** A stand-in WebSocket the test opens, feeds and drops by hand. */
class FakeSocket {
  static made: FakeSocket[] = [];
  readyState = 0;
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: ((e?: { code: number }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.made.push(this);
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  drop() {
    this.readyState = 3;
    this.onclose?.();
  }
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.drop();
  }
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.made = [];
});
afterEach(() => vi.useRealTimers());

function connect() {
  const events: AgentFrame[] = [];
  const statuses: SocketStatus[] = [];
  const onOpen = vi.fn();
  const onSignInEnded = vi.fn();
  const connection = connectAgentSocket({
    url: 'ws://test/ws/agent',
    createSocket: (url) => new FakeSocket(url) as unknown as WebSocket,
    onEvent: (e) => events.push(e),
    onOpen,
    onStatus: (s) => statuses.push(s),
    onSignInEnded,
  });
  return { connection, events, statuses, onOpen, onSignInEnded };
}

describe('agent socket', () => {
  it('does not reconnect when the server ends it for an ended sign-in or a lost role', () => {
    for (const code of [4401, 4403]) {
      FakeSocket.made = [];
      const { onSignInEnded } = connect();
      const socket = FakeSocket.made[0]!;
      socket.open();
      socket.readyState = 3;
      socket.onclose?.({ code });
      vi.advanceTimersByTime(60_000);
      expect(FakeSocket.made).toHaveLength(1);
      expect(onSignInEnded).toHaveBeenCalledTimes(1);
    }
  });

  it('reconnects after a drop with a growing delay and reloads on every open', () => {
    const { connection, statuses, onOpen } = connect();
    FakeSocket.made[0]!.open();
    expect(onOpen).toHaveBeenCalledTimes(1);
    FakeSocket.made[0]!.drop();
    expect(statuses.at(-1)).toBe('reconnecting');
    vi.advanceTimersByTime(499);
    expect(FakeSocket.made).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.made).toHaveLength(2);
    // Still down: the next try waits twice as long.
    FakeSocket.made[1]!.drop();
    vi.advanceTimersByTime(999);
    expect(FakeSocket.made).toHaveLength(2);
    vi.advanceTimersByTime(1);
    FakeSocket.made[2]!.open();
    expect(statuses.at(-1)).toBe('live');
    // Events missed while away are caught up by the reload that every open triggers.
    expect(onOpen).toHaveBeenCalledTimes(2);
    connection.close();
  });

  it('passes on JSON frames, ignores anything else, and pings to stay alive', () => {
    const { connection, events } = connect();
    const socket = FakeSocket.made[0]!;
    socket.open();
    socket.onmessage?.({ data: 'not json' });
    socket.onmessage?.({ data: '{"no":"type"}' });
    socket.onmessage?.({
      data: JSON.stringify({ type: 'offer.ended', offerId: 'o', conversationId: 'c', reason: 'expired' }),
    });
    expect(events.map((e) => e.type)).toEqual(['offer.ended']);
    vi.advanceTimersByTime(25_000);
    expect(socket.sent).toEqual(['{"type":"ping"}']);
    connection.close();
  });

  it('stays closed once closed', () => {
    const { connection } = connect();
    FakeSocket.made[0]!.open();
    connection.close();
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.made).toHaveLength(1);
  });
});
