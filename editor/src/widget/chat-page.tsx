import { createRoot } from 'react-dom/client';
import { ChatWindow } from './chat-window';
import { visitorId } from './visitor-id';
import './chat.css';

// The workspace comes from ?workspace= so one page serves any shop; the demo shop by default.
const params = new URLSearchParams(location.search);
const workspace = params.get('workspace') ?? 'demo';
const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/widget`;

createRoot(document.getElementById('root') as HTMLElement).render(
  <main className="chat-page">
    <ChatWindow url={url} workspace={workspace} visitorId={visitorId()} title="Chat with us" />
  </main>,
);
