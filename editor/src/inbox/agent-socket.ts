import { AGENT_SOCKET_CLOSE, type AgentServerFrame } from '@kefu/schemas/api';

/** A frame the API pushed over /ws/agent (schemas/src/api/agent-events.ts). */
export type AgentFrame = AgentServerFrame;

/** Keep-alive, so proxies do not drop a quiet socket. */
const PING_MS = 25_000;

export type SocketStatus = 'connecting' | 'live' | 'reconnecting';

export interface AgentSocketOptions {
  url?: string;
  onEvent(event: AgentFrame): void;
  /** Called on every (re)connect: events missed while away are caught up by reloading. */
  onOpen(): void;
  onStatus(status: SocketStatus): void;
  /**
   * The server closed the socket because the sign-in behind it ended or lost the inbox role; no
   * reconnect follows (it would be refused). The page should ask who is signed in again.
   */
  onSignInEnded?(): void;
  /** Injected in tests. */
  createSocket?: (url: string) => WebSocket;
}

/**
 * The agent's real-time socket, reconnecting with a capped backoff. The session cookie
 * authenticates it (same origin), so nothing secret travels in the URL.
 */
export function connectAgentSocket(options: AgentSocketOptions): { close(): void } {
  const url = options.url ?? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/agent`;
  const create = options.createSocket ?? ((u: string) => new WebSocket(u));
  let socket: WebSocket | null = null;
  let attempt = 0;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ping: ReturnType<typeof setInterval> | undefined;

  const open = () => {
    options.onStatus(attempt === 0 ? 'connecting' : 'reconnecting');
    socket = create(url);
    socket.onopen = () => {
      attempt = 0;
      clearInterval(ping);
      ping = setInterval(
        () => socket?.readyState === 1 && socket.send(JSON.stringify({ type: 'ping' })),
        PING_MS,
      );
      options.onStatus('live');
      options.onOpen();
    };
    socket.onmessage = (e) => {
      try {
        const event = JSON.parse(String(e.data)) as AgentFrame;
        if (event && typeof event.type === 'string') options.onEvent(event);
      } catch {
        // Not ours: ignore frames that are not JSON events.
      }
    };
    socket.onclose = (event?: CloseEvent) => {
      socket = null;
      clearInterval(ping);
      if (closed) return;
      const code = event?.code;
      if (code === AGENT_SOCKET_CLOSE.sessionEnded || code === AGENT_SOCKET_CLOSE.roleRemoved) {
        closed = true;
        options.onSignInEnded?.();
        return;
      }
      attempt += 1;
      options.onStatus('reconnecting');
      const delay = Math.min(10_000, 500 * 2 ** Math.min(attempt - 1, 5));
      timer = setTimeout(open, delay);
    };
  };
  open();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      clearInterval(ping);
      socket?.close();
    },
  };
}
