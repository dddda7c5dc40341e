import WebSocket from 'ws';
import type { AgentServerFrame } from '@kefu/schemas/api';

/** An agent's inbox socket as a test drives it: signed in by the session cookie, every frame recorded. */
export class AgentSocket {
  readonly frames: AgentServerFrame[] = [];
  /** Resolves with the close code and reason once the socket has closed, whoever closed it. */
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: Array<() => void> = [];
  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) =>
      ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as AgentServerFrame);
      for (const wake of this.waiters.splice(0)) wake();
    });
    ws.on('close', () => {
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** Opens `/ws/agent` with the cookie and waits for the ready frame. */
  static async open(baseWsUrl: string, cookie: string): Promise<AgentSocket> {
    const ws = new WebSocket(new URL('/ws/agent', baseWsUrl), { headers: { cookie } });
    const socket = new AgentSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      // With this listener ws leaves the refused request open; end it, or the server could not stop.
      ws.once('unexpected-response', (req, res) => {
        res.resume();
        req.destroy();
        reject(new Error(`upgrade refused: ${res.statusCode}`));
      });
    });
    await socket.next((f) => f.type === 'ready');
    return socket;
  }

  /** The first frame that matches, waiting up to `timeoutMs` for it to arrive. */
  async next<F extends AgentServerFrame>(
    match: (f: AgentServerFrame) => f is F,
    timeoutMs?: number,
  ): Promise<F>;
  async next(match: (f: AgentServerFrame) => boolean, timeoutMs?: number): Promise<AgentServerFrame>;
  async next(match: (f: AgentServerFrame) => boolean, timeoutMs = 60_000): Promise<AgentServerFrame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find(match);
      if (found) return found;
      if (this.ws.readyState !== WebSocket.OPEN)
        throw new Error('agent socket closed while waiting for a frame');
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`no matching agent frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The close code and reason, waiting up to `timeoutMs` for the server to close the socket. */
  async closedWithin(timeoutMs = 60_000): Promise<{ code: number; reason: string }> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`agent socket still open after ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([this.closed, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    const closed = new Promise((resolve) => this.ws.once('close', resolve));
    this.ws.close();
    await closed;
  }
}
