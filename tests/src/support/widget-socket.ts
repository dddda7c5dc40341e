import WebSocket from 'ws';
import type { Message, WidgetServerFrame } from '@kefu/schemas';

/** What the widget keeps in the browser's storage: each visitor's last token, by workspace and visitorId. */
const keptTokens = new Map<string, string>();

/** A customer's widget connection as a test drives it: raw frames in, every frame out recorded. */
export class WidgetSocket {
  readonly frames: WidgetServerFrame[] = [];
  private waiters: Array<() => void> = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as WidgetServerFrame);
      for (const wake of this.waiters.splice(0)) wake();
    });
    ws.on('close', () => {
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** `options.origin` sends an Origin header as a browser on that site would. */
  static async open(url: string, options?: WebSocket.ClientOptions): Promise<WidgetSocket> {
    const ws = new WebSocket(url, options);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new WidgetSocket(ws);
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' || Buffer.isBuffer(frame) ? frame : JSON.stringify(frame));
  }

  /**
   * Says hello as a widget that keeps its credentials: the token of this visitor's last session
   * (in this test file) is presented, so a second hello with the same id resumes, as in a browser.
   */
  async hello(visitorId: string, workspace = 'demo') {
    const from = this.frames.length;
    const token = keptTokens.get(`${workspace}/${visitorId}`);
    this.send({ type: 'hello', workspace, visitorId, ...(token ? { visitorToken: token } : {}) });
    const session = (await this.next((f) => f.type === 'session', from)) as Extract<
      WidgetServerFrame,
      { type: 'session' }
    >;
    keptTokens.set(`${workspace}/${session.visitorId}`, session.visitorToken);
    return session;
  }

  /** The first frame (from index `from` on) that matches, waiting up to `timeoutMs`. */
  async next(
    match: (f: WidgetServerFrame) => boolean,
    from = 0,
    // Generous: a bot reply on a loaded 2-core machine can take tens of seconds; a test fails only when it never comes.
    timeoutMs = 60_000,
  ): Promise<WidgetServerFrame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.slice(from).find(match);
      if (found) return found;
      if (this.ws.readyState !== WebSocket.OPEN) throw new Error('socket closed while waiting for a frame');
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Messages pushed to this socket (not acks), in arrival order. */
  pushed(author?: Message['author']): Message[] {
    return this.frames
      .flatMap((f) => (f.type === 'message' ? [f.message] : []))
      .filter((m) => !author || m.author === author);
  }

  /**
   * Messages as the widget shows them: once each, by id. A push may repeat when an activity is
   * retried (at-least-once delivery; under load a slow attempt times out), always the same stored
   * message; count these, not `pushed`, when a test says "said once".
   */
  shown(author?: Message['author']): Message[] {
    return [...new Map(this.pushed(author).map((m) => [m.id, m])).values()];
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    const closed = new Promise((resolve) => this.ws.once('close', resolve));
    this.ws.close();
    await closed;
  }
}

export const isBotText = (text: RegExp) => (f: WidgetServerFrame) =>
  f.type === 'message' && f.message.author === 'bot' && text.test(f.message.text);
