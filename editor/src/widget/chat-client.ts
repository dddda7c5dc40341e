import type { Message, WidgetServerFrame } from '@kefu/schemas';

export interface ChatEntry {
  /** Server id once stored; the clientMessageId while only local. */
  key: string;
  message?: Message;
  /** Local text of a customer message not yet acknowledged. */
  pendingText?: string;
  clientMessageId?: string;
  status: 'sending' | 'sent' | 'received';
}

export interface ChatState {
  connection: 'connecting' | 'online' | 'offline';
  entries: ChatEntry[];
  error?: string;
}

export interface ChatClientOptions {
  url: string;
  workspace: string;
  visitorId: string;
  onChange: (state: ChatState) => void;
  /** Injected for tests; defaults to the browser's WebSocket. */
  createSocket?: (url: string) => WebSocket;
}

const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 5000;
const RETRY_MAX_MS = 10_000;

/**
 * The customer's side of the chat: reconnects on its own, keeps messages typed while offline and
 * re-sends them with their original clientMessageId (the server stores each once), and shows each
 * server message once however often it arrives (push, ack and history can overlap).
 */
export class ChatClient {
  private socket: WebSocket | null = null;
  private ready = false;
  private closed = false;
  private attempts = 0;
  private readonly retries = new Map<string, number>();
  private readonly outbox = new Map<string, string>();
  private state: ChatState = { connection: 'connecting', entries: [] };
  /** Issued by the server's session frame; presented on every reconnect so the server can check it. */
  private visitorToken: string | undefined;

  constructor(private readonly options: ChatClientOptions) {}

  start(): void {
    this.closed = false;
    this.connect();
  }

  stop(): void {
    this.closed = true;
    this.socket?.close();
  }

  /** Tells the shop whether a knowledge-base answer helped; unhelpful ones reach the owners' learning loop. */
  sendFeedback(messageId: string, helpful: boolean): void {
    if (this.ready) this.socket?.send(JSON.stringify({ type: 'feedback', messageId, helpful }));
  }

  send(text: string): void {
    const clientMessageId = randomId();
    this.outbox.set(clientMessageId, text);
    this.update({
      entries: [
        ...this.state.entries,
        { key: clientMessageId, clientMessageId, pendingText: text, status: 'sending' },
      ],
    });
    if (this.ready) this.transmit(clientMessageId, text);
  }

  private connect(): void {
    const socket = (this.options.createSocket ?? ((url) => new WebSocket(url)))(this.options.url);
    this.socket = socket;
    this.ready = false;
    this.update({ connection: 'connecting' });
    socket.onopen = () => {
      const { workspace, visitorId } = this.options;
      const token = this.visitorToken ? { visitorToken: this.visitorToken } : {};
      socket.send(JSON.stringify({ type: 'hello', workspace, visitorId, ...token }));
    };
    socket.onmessage = (event) => this.receive(JSON.parse(String(event.data)) as WidgetServerFrame);
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.ready = false;
      this.update({ connection: 'offline' });
      if (this.closed) return;
      const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** this.attempts++);
      setTimeout(() => this.connect(), delay);
    };
  }

  private receive(frame: WidgetServerFrame): void {
    switch (frame.type) {
      case 'session': {
        this.ready = true;
        if (frame.visitorToken) this.visitorToken = frame.visitorToken;
        this.attempts = 0;
        let entries: ChatEntry[] = [];
        for (const message of frame.messages) entries = upsertMessage(entries, message);
        // Anything the server already has was stored before the connection dropped: don't send it again.
        for (const message of frame.messages)
          if (message.clientMessageId) this.outbox.delete(message.clientMessageId);
        entries.push(
          ...this.state.entries.filter((e) => e.clientMessageId && this.outbox.has(e.clientMessageId)),
        );
        this.update({ connection: 'online', entries, error: undefined });
        for (const [id, text] of this.outbox) this.transmit(id, text);
        return;
      }
      case 'ack':
        this.outbox.delete(frame.clientMessageId);
        this.update({ entries: upsertMessage(this.state.entries, frame.message) });
        return;
      case 'message':
        this.update({ entries: upsertMessage(this.state.entries, frame.message) });
        return;
      case 'error':
        this.update({ error: frame.message });
        // The hello failed for a passing reason: start over on a fresh connection, with backoff.
        if (!this.ready && (frame.statusCode >= 500 || frame.statusCode === 429)) this.socket?.close();
        // The server stored the message but could not hand it on yet (5xx): send it again, same id.
        if (frame.clientMessageId && frame.statusCode >= 500) this.retryLater(frame.clientMessageId);
        return;
    }
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

  private transmit(clientMessageId: string, text: string): void {
    this.socket?.send(JSON.stringify({ type: 'message', clientMessageId, text }));
  }

  private update(patch: Partial<ChatState>): void {
    this.state = { ...this.state, ...patch };
    this.options.onChange(this.state);
  }
}

/** Adds a server message once, replacing the local pending entry it acknowledges. */
export function upsertMessage(entries: ChatEntry[], message: Message): ChatEntry[] {
  if (entries.some((e) => e.key === message.id)) return entries;
  const entry: ChatEntry = {
    key: message.id,
    message,
    status: message.author === 'customer' ? 'sent' : 'received',
    ...(message.clientMessageId ? { clientMessageId: message.clientMessageId } : {}),
  };
  const pending = message.clientMessageId ? entries.findIndex((e) => e.key === message.clientMessageId) : -1;
  if (pending >= 0) return entries.map((e, i) => (i === pending ? entry : e));
  return [...entries, entry];
}

export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0'))
    .join('')
    .slice(0, 24);
}
