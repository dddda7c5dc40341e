/**
 * One customer's chat widget: the widget's own `ChatClient` (editor/src/widget/chat-client.ts),
 * run in Node on a `ws` socket, so the harness exercises exactly what a browser does — hello with
 * the visitor token it was given, each message sent with a clientMessageId, and on any disconnect a
 * reconnect with backoff that re-sends every message not yet acknowledged with the same
 * clientMessageId, except those it sees in the resumed history. Around it, a log of what it sent
 * and what it was shown, for the tally, read from the frames on its socket.
 */
import WebSocket from 'ws';
import type { Message, WidgetServerFrame } from '@kefu/schemas';
import { ChatClient, type ChatState } from '@kefu/editor/src/widget/chat-client';

export interface SentMessage {
  clientMessageId: string;
  text: string;
  sentAt: number;
  ackedAt?: number;
}

export class WidgetCustomer {
  readonly sent: SentMessage[] = [];
  /** Every conversation a session frame named: more than one means the customer lost their chat. */
  readonly conversationIds = new Set<string>();
  /** Server messages shown, by id (push, ack and history overlap; the widget shows each once). */
  readonly shown = new Map<string, Message>();
  sessions = 0;
  /** Messages sent again (same clientMessageId) after a reconnect or a 5xx: the path a crash exercises. */
  resent = 0;
  /** Unacknowledged messages found in a resumed history, so not sent again. */
  foundInHistory = 0;
  /** Called with every bot message pushed (not from history): the harness times recovery with it. */
  onBotMessage: (message: Message) => void = () => {};

  private readonly client: ChatClient;
  private readonly waiting = new Map<string, SentMessage>();
  private readonly transmitted = new Set<string>();
  private state: ChatState = { connection: 'connecting', entries: [] };
  private count = 0;

  constructor(
    url: string,
    private readonly visitorId: string,
    /** Each customer comes from an address of its own, as real ones do (the API limits per address). */
    localAddress: string,
  ) {
    this.client = new ChatClient({
      url,
      workspace: 'demo',
      visitor: { visitorId },
      onChange: (state) => (this.state = state),
      createSocket: (to) => this.watched(new WebSocket(to, { localAddress })),
    });
  }

  start(): void {
    this.client.start();
  }

  stop(): void {
    this.client.stop();
  }

  get unacknowledged(): number {
    return this.waiting.size;
  }

  /** Types a message: unique text, so the bot's reply names which message it answers. */
  send(): void {
    const text = `${this.visitorId} message ${++this.count} ${Math.random().toString(36).slice(2, 8)}`;
    this.client.send(text);
    // The client gives the message its clientMessageId; it is on the entry it just added.
    const entry = this.state.entries.at(-1);
    if (!entry?.clientMessageId || entry.pendingText !== text)
      throw new Error('the widget did not queue the message');
    const sent = { clientMessageId: entry.clientMessageId, text, sentAt: Date.now() };
    this.sent.push(sent);
    this.waiting.set(sent.clientMessageId, sent);
  }

  /** The socket the client asked for, with the harness listening alongside it. */
  private watched(socket: WebSocket): globalThis.WebSocket {
    // A refused connection (the API is down) is an 'error' then a 'close'; the client handles the close.
    socket.on('error', () => {});
    socket.on('message', (data) => this.observe(JSON.parse(data.toString()) as WidgetServerFrame));
    const send = socket.send.bind(socket);
    socket.send = ((data: string) => {
      const frame = JSON.parse(data) as { type: string; clientMessageId?: string };
      if (frame.type === 'message' && frame.clientMessageId) {
        if (this.transmitted.has(frame.clientMessageId)) this.resent++;
        else this.transmitted.add(frame.clientMessageId);
      }
      send(data);
    }) as typeof socket.send;
    return socket as unknown as globalThis.WebSocket;
  }

  private observe(frame: WidgetServerFrame): void {
    switch (frame.type) {
      case 'session':
        this.sessions++;
        this.conversationIds.add(frame.conversationId);
        for (const message of frame.messages) {
          this.shown.set(message.id, message);
          // Stored before the connection dropped: the widget does not send it again.
          if (message.clientMessageId && this.acknowledged(message.clientMessageId)) this.foundInHistory++;
        }
        return;
      case 'ack':
        this.acknowledged(frame.clientMessageId);
        this.shown.set(frame.message.id, frame.message);
        return;
      case 'message':
        this.shown.set(frame.message.id, frame.message);
        if (frame.message.author === 'bot') this.onBotMessage(frame.message);
        return;
      default:
        return;
    }
  }

  /** True when the message was still waiting for its ack. */
  private acknowledged(clientMessageId: string): boolean {
    const sent = this.waiting.get(clientMessageId);
    if (!sent) return false;
    this.waiting.delete(clientMessageId);
    sent.ackedAt = Date.now();
    return true;
  }
}
