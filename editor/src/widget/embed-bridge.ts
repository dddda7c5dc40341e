import type { ChatState } from './chat-client';

/**
 * The chat page inside the widget's iframe talks to the loader script on the shop's page with
 * postMessage. Only counts and commands cross; no message text ever leaves the frame.
 *   frame → page: { source: 'kefu-chat', type: 'unread', count } | { type: 'close' } | { type: 'active' }
 *   page → frame: { source: 'kefu-widget', type: 'visibility', open }
 */
export interface EmbedBridge {
  /** Call with every chat state: counts unread replies while the chat is hidden. */
  update(state: ChatState): void;
  close(): void;
  stop(): void;
}

const seenKey = (workspace: string) => `kefu.lastSeen.${workspace}`;

export function embedBridge(workspace: string, initiallyOpen: boolean, storage: Storage | null): EmbedBridge {
  let open = initiallyOpen;
  let last: ChatState | null = null;
  let lastCount = -1;
  let active = false;
  // The newest reply the customer has seen, kept across page loads so a reply that came while they
  // were on another page still shows on the bubble.
  let seen = read(() => storage?.getItem(seenKey(workspace))) ?? '';
  const post = (message: object) => window.parent.postMessage({ source: 'kefu-chat', ...message }, '*');

  const recount = () => {
    if (!last) return;
    const replies = last.entries.flatMap((e) =>
      e.message && e.message.author !== 'customer' ? [e.message.createdAt] : [],
    );
    const newest = replies.reduce((a, b) => (b > a ? b : a), '');
    if (open && newest > seen) {
      seen = newest;
      read(() => storage?.setItem(seenKey(workspace), seen));
    }
    const count = open ? 0 : replies.filter((at) => at > seen).length;
    if (count !== lastCount) post({ type: 'unread', count });
    lastCount = count;
    if (!active && last.entries.length > 0) {
      active = true;
      post({ type: 'active' });
    }
  };
  const onMessage = (event: MessageEvent) => {
    const data = event.data as { source?: unknown; type?: unknown; open?: unknown } | null;
    if (event.source !== window.parent || data?.source !== 'kefu-widget') return;
    if (data.type === 'visibility' && typeof data.open === 'boolean') {
      open = data.open;
      recount();
    }
  };
  // Escape inside the frame closes the chat too (the page's own listener never sees keys typed here).
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') post({ type: 'close' });
  };
  window.addEventListener('message', onMessage);
  window.addEventListener('keydown', onKey);
  return {
    update(state) {
      last = state;
      recount();
    },
    close: () => post({ type: 'close' }),
    stop: () => {
      window.removeEventListener('message', onMessage);
      window.removeEventListener('keydown', onKey);
    },
  };
}

function read<T>(get: () => T): T | undefined {
  try {
    return get();
  } catch {
    return undefined;
  }
}
