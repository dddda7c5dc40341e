import type { Message, WidgetServerFrame } from '@kefu/schemas';
import type { VisitorCredentials } from './visitor-credentials';

export interface ChatEntry {
  /** Server id once stored; the clientMessageId while only local. */
  key: string;
  message?: Message;
  /** Local text of a customer message not yet acknowledged. */
  pendingText?: string;
  clientMessageId?: string;
  status: 'sending' | 'sent' | 'received';
}

export interface OfflineFormInput {
  email: string;
  message: string;
  name?: string;
}

export interface ChatState {
  connection: 'connecting' | 'online' | 'offline';
  entries: ChatEntry[];
  error?: string;
  /** The API's code for `error`, so the page can say it in the customer's language. */
  errorCode?: string;
  /** An agent is typing right now. */
  agentTyping?: boolean;
  /** The offline form the customer sent: sending until the server says it opened the ticket. */
  offlineForm?: { status: 'sending' | 'sent'; email: string };
  /** A message the server refused (a blocked sensitive word): given back to the composer to reword. */
  returned?: { text: string; key: string };
}

export interface ChatClientOptions {
  url: string;
  workspace: string;
  /** The id (and token) this browser kept from its last session, if any. */
  visitor: VisitorCredentials;
  /** Told the credentials of every session, to keep for the next page load (the token is renewed each time). */
  onVisitor?: (visitor: VisitorCredentials) => void;
  onChange: (state: ChatState) => void;
  /** Injected for tests; defaults to the browser's WebSocket. */
  createSocket?: (url: string) => WebSocket;
}

const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 5000;
const RETRY_MAX_MS = 10_000;
/** A typing frame at most this often while the customer keeps typing, and "stopped" after this long idle. */
const TYPING_EVERY_MS = 3000;
/** An agent's "typing" fades if no newer typing frame or message comes (their "stopped" may be lost). */
const AGENT_TYPING_MS = 8000;

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
  /**
   * Issued by the server's session frame and presented on every reconnect: only it resumes the
   * conversation. The server may also give a new visitorId (when this one was not proven).
   */
  private visitor: VisitorCredentials;
  private typingSentAt = 0;
  private typingStop: ReturnType<typeof setTimeout> | undefined;
  private agentTypingFade: ReturnType<typeof setTimeout> | undefined;
  /** The offline form until the server confirms it; resent with the same requestId after a reconnect. */
  private pendingForm: (OfflineFormInput & { requestId: string }) | undefined;

  constructor(private readonly options: ChatClientOptions) {
    this.visitor = { ...options.visitor };
  }

  start(): void {
    this.closed = false;
    this.connect();
  }

  stop(): void {
    this.closed = true;
    clearTimeout(this.typingStop);
    clearTimeout(this.agentTypingFade);
    this.socket?.close();
  }

  /**
   * Call on every keystroke: tells agents the customer is typing, at most once per few seconds,
   * and that they stopped after a few idle seconds (or when the message is sent).
   */
  typing(): void {
    const now = Date.now();
    if (now - this.typingSentAt > TYPING_EVERY_MS) {
      this.typingSentAt = now;
      this.sendFrame({ type: 'typing', typing: true });
    }
    clearTimeout(this.typingStop);
    this.typingStop = setTimeout(() => this.stoppedTyping(), TYPING_EVERY_MS);
  }

  /** Leaves an email and a message for the shop; it becomes a ticket. */
  sendOfflineForm(form: OfflineFormInput): void {
    this.pendingForm = { ...form, requestId: randomId() };
    this.update({ offlineForm: { status: 'sending', email: form.email }, error: undefined });
    if (this.ready) this.transmitForm();
  }

  /** Tells the shop whether a knowledge-base answer helped; unhelpful ones reach the owners' learning loop. */
  sendFeedback(messageId: string, helpful: boolean): void {
    if (this.ready) this.socket?.send(JSON.stringify({ type: 'feedback', messageId, helpful }));
  }

  send(text: string): void {
    this.stoppedTyping();
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
      const { visitorId, visitorToken } = this.visitor;
      const token = visitorToken ? { visitorToken } : {};
      socket.send(JSON.stringify({ type: 'hello', workspace: this.options.workspace, visitorId, ...token }));
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
        if (frame.visitorId && frame.visitorToken) {
          this.visitor = { visitorId: frame.visitorId, visitorToken: frame.visitorToken };
          this.options.onVisitor?.(this.visitor);
        }
        this.attempts = 0;
        let entries: ChatEntry[] = [];
        for (const message of frame.messages) entries = upsertMessage(entries, message);
        // Anything the server already has was stored before the connection dropped: don't send it again.
        for (const message of frame.messages)
          if (message.clientMessageId) this.outbox.delete(message.clientMessageId);
        entries.push(
          ...this.state.entries.filter((e) => e.clientMessageId && this.outbox.has(e.clientMessageId)),
        );
        this.update({ connection: 'online', entries, error: undefined, errorCode: undefined });
        for (const [id, text] of this.outbox) this.transmit(id, text);
        if (this.pendingForm) this.transmitForm();
        return;
      }
      case 'ack':
        this.outbox.delete(frame.clientMessageId);
        // A message went through: a refusal of an earlier one no longer stands in the way.
        this.update({
          entries: upsertMessage(this.state.entries, frame.message),
          ...(this.state.errorCode === 'KEFU_ERR_SENSITIVE'
            ? { error: undefined, errorCode: undefined }
            : {}),
        });
        return;
      case 'message': {
        // An agent's message ends their typing.
        const typingOver = frame.message.author === 'agent' ? { agentTyping: false } : {};
        this.update({ entries: upsertMessage(this.state.entries, frame.message), ...typingOver });
        return;
      }
      case 'typing':
        clearTimeout(this.agentTypingFade);
        if (frame.typing)
          this.agentTypingFade = setTimeout(() => this.update({ agentTyping: false }), AGENT_TYPING_MS);
        this.update({ agentTyping: frame.typing });
        return;
      case 'offline-form-received':
        if (this.pendingForm?.requestId !== frame.requestId) return;
        this.update({ offlineForm: { status: 'sent', email: this.pendingForm.email } });
        this.pendingForm = undefined;
        return;
      case 'error':
        // A refused form (a bad email) is given back to the customer to correct.
        if (frame.requestId && frame.requestId === this.pendingForm?.requestId && frame.statusCode < 500) {
          this.pendingForm = undefined;
          this.update({ offlineForm: undefined });
        }
        this.update({ error: frame.message, errorCode: frame.code });
        // The hello failed for a passing reason: start over on a fresh connection, with backoff.
        if (!this.ready && (frame.statusCode >= 500 || frame.statusCode === 429)) this.socket?.close();
        // The server stored the message but could not hand it on yet (5xx): send it again, same id.
        if (frame.clientMessageId && frame.statusCode >= 500) this.retryLater(frame.clientMessageId);
        // Refused as written (4xx): not stored, so not kept in the chat or resent; the words come back.
        if (frame.clientMessageId && frame.statusCode < 500) this.giveBack(frame.clientMessageId);
        return;
    }
  }

  private giveBack(clientMessageId: string): void {
    const text = this.outbox.get(clientMessageId);
    if (text === undefined) return;
    this.outbox.delete(clientMessageId);
    this.update({
      entries: this.state.entries.filter((e) => e.key !== clientMessageId),
      returned: { text, key: clientMessageId },
    });
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

  private transmitForm(): void {
    const form = this.pendingForm;
    if (!form) return;
    const { requestId, email, message, name } = form;
    this.sendFrame({ type: 'offline-form', requestId, email, message, ...(name ? { name } : {}) });
  }

  private stoppedTyping(): void {
    clearTimeout(this.typingStop);
    if (!this.typingSentAt) return;
    this.typingSentAt = 0;
    this.sendFrame({ type: 'typing', typing: false });
  }

  /** Frames that only make sense on a live session (typing, forms) are dropped while offline. */
  private sendFrame(frame: object): void {
    if (this.ready) this.socket?.send(JSON.stringify(frame));
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
