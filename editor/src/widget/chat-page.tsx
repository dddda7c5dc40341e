import { useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ChatWindow } from './chat-window';
import { embedBridge } from './embed-bridge';
import { loadVisitor, saveVisitor } from './visitor-credentials';
import { chatLang, rememberChatLang, type ChatLang } from './words';
import './chat.css';

// The workspace comes from ?workspace= so one page serves any shop; the demo shop by default.
// ?embed=1 when the widget's loader frames this page on a shop's site.
const params = new URLSearchParams(location.search);
const workspace = params.get('workspace') ?? 'demo';
const embedded = params.get('embed') === '1' && window.parent !== window;
const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/widget`;
const storage = (() => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
})();
// Read once per page load: the chat client keeps the renewed credentials itself and saves them.
const visitor = loadVisitor(storage, workspace);

function ChatPage() {
  const [lang, setLang] = useState<ChatLang>(() => chatLang(location.search, storage, navigator.languages));
  const bridge = useMemo(
    () => (embedded ? embedBridge(workspace, params.get('open') !== '0', storage) : null),
    [],
  );
  useEffect(() => () => bridge?.stop(), [bridge]);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  return (
    <main className={embedded ? 'chat-page chat-page-embedded' : 'chat-page'}>
      <ChatWindow
        url={url}
        workspace={workspace}
        visitor={visitor}
        onVisitor={(next) => saveVisitor(storage, workspace, next)}
        lang={lang}
        onLangChange={(next) => {
          setLang(next);
          rememberChatLang(next, storage);
        }}
        {...(bridge ? { onClose: bridge.close, onStateChange: bridge.update } : {})}
      />
    </main>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(<ChatPage />);
