/**
 * The loader a shop puts on its own site, one line:
 *   <script src="https://KEFU_HOST/widget.js" data-workspace="PUBLIC_KEY" async></script>
 * Optional: data-lang="zh" or "en" (otherwise the visitor's browser language decides).
 *
 * It adds a chat bubble in a shadow root (the shop's CSS cannot break it, ours cannot leak) and
 * opens the chat page of the Kefu server in an iframe: the chat, its socket and the visitor's id
 * live on Kefu's origin, so nothing of the conversation is readable by the shop's page. The frame
 * tells the loader only an unread count (the bubble's badge) and when to close.
 *
 * Plain DOM, no framework: this file is the only thing every page view of the shop downloads.
 */
const script = (document.currentScript ??
  document.querySelector('script[data-workspace][src*="widget.js"]')) as HTMLScriptElement | null;
const win = window as Window & { kefuWidget?: boolean };

if (script?.dataset.workspace && !win.kefuWidget) {
  win.kefuWidget = true;
  start(script, script.dataset.workspace);
}

function start(script: HTMLScriptElement, workspace: string) {
  const origin = new URL(script.src, location.href).origin;
  const zh = (script.dataset.lang ?? navigator.language).toLowerCase().startsWith('zh');
  const label = zh
    ? (['在线客服', '收起在线客服', '未读消息'] as const)
    : (['Chat with us', 'Close chat', 'unread'] as const);
  // Set once the visitor has chatted: later page views load the chat (closed) right away, so a
  // reply that arrives meanwhile can show on the bubble. First-time visitors load nothing until asked.
  const activeKey = `kefu.widget.${workspace}`;

  const host = document.createElement('div');
  host.setAttribute('data-kefu-widget', workspace);
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = `<style>
    :host { all: initial; }
    .bubble { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; width: 56px; height: 56px;
      border: 0; border-radius: 50%; background: #2563eb; color: #fff; cursor: pointer;
      box-shadow: 0 6px 20px rgb(15 23 42 / .3); display: grid; place-items: center; }
    .bubble:focus-visible { outline: 3px solid #93c5fd; outline-offset: 2px; }
    .bubble svg { width: 28px; height: 28px; }
    .badge { position: absolute; top: -4px; right: -4px; min-width: 20px; height: 20px; padding: 0 5px;
      box-sizing: border-box; border-radius: 10px; background: #dc2626; color: #fff;
      font: 600 12px/20px system-ui, sans-serif; text-align: center; }
    .panel { position: fixed; right: 20px; bottom: 88px; z-index: 2147483000; width: 380px;
      height: min(600px, calc(100vh - 110px)); border-radius: 16px; overflow: hidden; background: #fff;
      box-shadow: 0 12px 40px rgb(15 23 42 / .25); }
    .panel iframe { width: 100%; height: 100%; border: 0; display: block; }
    [hidden] { display: none !important; }
    @media (max-width: 480px) { .panel { right: 0; bottom: 0; width: 100vw; height: 100vh; border-radius: 0; } }
  </style>
  <div class="panel" hidden></div>
  <button class="bubble" type="button" aria-expanded="false">
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"
      stroke-linejoin="round" aria-hidden="true"><path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z"/></svg>
    <span class="badge" hidden></span>
  </button>`;
  const bubble = root.querySelector('button')!;
  const badge = root.querySelector('.badge') as HTMLElement;
  const panel = root.querySelector('.panel') as HTMLElement;
  let frame: HTMLIFrameElement | null = null;
  let open = false;
  let unread = 0;

  const describe = () => {
    bubble.setAttribute(
      'aria-label',
      (open ? label[1] : label[0]) + (unread ? ` (${unread} ${label[2]})` : ''),
    );
    bubble.setAttribute('aria-expanded', String(open));
    badge.hidden = unread === 0;
    badge.textContent = unread > 9 ? '9+' : String(unread);
  };
  const load = () => {
    if (frame) return;
    frame = document.createElement('iframe');
    frame.title = label[0];
    const params = new URLSearchParams({ workspace, embed: '1', open: open ? '1' : '0' });
    if (script.dataset.lang) params.set('lang', script.dataset.lang);
    frame.src = `${origin}/chat/?${params}`;
    panel.append(frame);
  };
  const toggle = (next: boolean) => {
    open = next;
    if (open) load();
    panel.hidden = !open;
    frame?.contentWindow?.postMessage({ source: 'kefu-widget', type: 'visibility', open }, origin);
    if (open) frame?.focus();
    else bubble.focus();
    describe();
  };

  bubble.addEventListener('click', () => toggle(!open));
  root.addEventListener('keydown', (event) => {
    if ((event as KeyboardEvent).key === 'Escape' && open) toggle(false);
  });
  window.addEventListener('message', (event) => {
    if (event.origin !== origin || !frame || event.source !== frame.contentWindow) return;
    const data = event.data as { source?: string; type?: string; count?: unknown } | null;
    if (data?.source !== 'kefu-chat') return;
    if (data.type === 'unread' && typeof data.count === 'number') {
      unread = Math.max(0, Math.floor(data.count));
      describe();
    } else if (data.type === 'close') toggle(false);
    else if (data.type === 'active') remember(activeKey);
  });

  describe();
  const mount = () => {
    document.body.append(host);
    if (recall(activeKey)) load();
  };
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
}

function remember(key: string) {
  try {
    localStorage.setItem(key, '1');
  } catch {
    // Without storage the bubble just loads the chat when clicked.
  }
}

function recall(key: string): boolean {
  try {
    return localStorage.getItem(key) === '1';
  } catch {
    return false;
  }
}
