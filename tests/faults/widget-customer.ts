/**
 * One customer's chat widget, doing what editor/src/widget/chat-client.ts does in a browser:
 * hello with the visitor token it was given, each message sent with a clientMessageId, and on any
 * disconnect a reconnect with backoff that re-sends every message not yet acknowledged with the
 * same clientMessageId, except those it sees in the resumed history. It also keeps a log of what it
 * sent and what it was shown, for the tally.
 */
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import type { Message, WidgetServerFrame } from '@kefu/schemas';

// The widget's own constants (chat-client.ts).
const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 5000;
const RETRY_MAX_MS = 10_000;

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

  private readonly outbox = new Map<string, string>();
  private readonly retries = new Map<string, number>();
  private socket: WebSocket | null = null;
  private ready = false;
  private closed = false;
  private attempts = 0;
  private visitorToken: string | undefined;
  private count = 0;

  constructor(
    private readonly url: string,
    private visitorId: string,
    /** Each customer comes from an address of its own, as real ones do (the API limits per address). */
    private readonly localAddress: string,
  ) {}

  start(): void {
    this.connect();
  }

  stop(): void {
    this.closed = true;
    this.socket?.terminate();
  }

  get unacknowledged(): number {
    return this.outbox.size;
  }

  /** Types a message: unique text, so the bot's reply names which message it answers. */
  send(): void {
    const clientMessageId = randomBytes(9).toString('base64url');
    const text = `${this.visitorId} message ${++this.count} ${clientMessageId.slice(0, 6)}`;
    this.sent.push({ clientMessageId, text, sentAt: Date.now() });
    this.outbox.set(clientMessageId, text);
    if (this.ready) this.transmit(clientMessageId, text);
  }

  private connect(): void {
    const socket = new WebSocket(this.url, { localAddress: this.localAddress });
    this.socket = socket;
    this.ready = false;
    socket.on('open', () => {
      const token = this.visitorToken ? { visitorToken: this.visitorToken } : {};
      socket.send(JSON.stringify({ type: 'hello', workspace: 'demo', visitorId: this.visitorId, ...token }));
    });
    socket.on('message', (data) => this.receive(JSON.parse(data.toString()) as WidgetServerFrame));
    // A refused connection (the API is down) ends in 'close' too.
    socket.on('error', () => {});
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.ready = false;
      if (this.closed) return;
      const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** this.attempts++);
      setTimeout(() => this.connect(), delay);
    });
  }

  private receive(frame: WidgetServerFrame): void {
    switch (frame.type) {
      case 'session':
        this.ready = true;
        this.sessions++;
        this.attempts = 0;
        this.visitorId = frame.visitorId;
        this.visitorToken = frame.visitorToken;
        this.conversationIds.add(frame.conversationId);
        for (const message of frame.messages) {
          this.shown.set(message.id, message);
          // Stored before the connection dropped: the widget does not send it again.
          if (message.clientMessageId && this.acknowledged(message.clientMessageId)) this.foundInHistory++;
        }
        for (const [id, text] of this.outbox) this.transmit(id, text);
        return;
      case 'ack':
        this.acknowledged(frame.clientMessageId);
        this.shown.set(frame.message.id, frame.message);
        return;
      case 'message':
        this.shown.set(frame.message.id, frame.message);
        if (frame.message.author === 'bot') this.onBotMessage(frame.message);
        return;
      case 'error':
        if (!this.ready && (frame.statusCode >= 500 || frame.statusCode === 429)) this.socket?.close();
        if (frame.clientMessageId && frame.statusCode >= 500) this.retryLater(frame.clientMessageId);
        return;
      default:
        return;
    }
  }

  /** True when the message was still waiting for its ack. */
  private acknowledged(clientMessageId: string): boolean {
    if (!this.outbox.delete(clientMessageId)) return false;
    const sent = this.sent.find((m) => m.clientMessageId === clientMessageId);
    if (sent) sent.ackedAt = Date.now();
    return true;
  }

  private retryLater(clientMessageId: string): void {
    const tries = (this.retries.get(clientMessageId) ?? 0) + 1;
    this.retries.set(clientMessageId, tries);
    setTimeout(
      () => {
        const text = this.outbox.get(clientMessageId);
        if (text !== undefined && this.ready && !this.closed) this.transmit(clientMessageId, text);
      },
      Math.min(RETRY_MAX_MS, RECONNECT_MIN_MS * 2 ** tries),
    );
  }

  private readonly transmitted = new Set<string>();

  private transmit(clientMessageId: string, text: string): void {
    if (this.transmitted.has(clientMessageId)) this.resent++;
    else this.transmitted.add(clientMessageId);
    this.socket?.send(JSON.stringify({ type: 'message', clientMessageId, text }));
  }
}
