import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ChatClient, type ChatEntry, type ChatState } from './chat-client';
import { linkify } from './linkify';

export interface ChatWindowProps {
  url: string;
  workspace: string;
  visitorId: string;
  title: string;
}

/** The customer's chat. Every message renders as text (React escapes it): nothing typed ever runs. */
export function ChatWindow({ url, workspace, visitorId, title }: ChatWindowProps) {
  const [state, setState] = useState<ChatState>({ connection: 'connecting', entries: [] });
  const [draft, setDraft] = useState('');
  const client = useRef<ChatClient | null>(null);
  const list = useRef<HTMLOListElement | null>(null);

  useEffect(() => {
    const c = new ChatClient({ url, workspace, visitorId, onChange: setState });
    client.current = c;
    c.start();
    return () => c.stop();
  }, [url, workspace, visitorId]);

  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView({ block: 'end' });
  }, [state.entries.length]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    if (!text) return;
    client.current?.send(text);
    setDraft('');
  };

  return (
    <section className="chat" aria-label={title}>
      <header className="chat-header">
        <span className="chat-title">{title}</span>
        <span className={`chat-status chat-status-${state.connection}`} data-testid="connection">
          {state.connection === 'online'
            ? 'Online'
            : state.connection === 'connecting'
              ? 'Connecting…'
              : 'Offline'}
        </span>
      </header>
      <ol className="chat-messages" ref={list} aria-live="polite" data-testid="messages">
        {state.entries.map((entry) => (
          <ChatBubble
            key={entry.key}
            entry={entry}
            client={client.current}
            latest={entry === state.entries.at(-1)}
          />
        ))}
      </ol>
      {state.error && (
        <p className="chat-error" role="alert">
          {state.error}
        </p>
      )}
      <form className="chat-compose" onSubmit={submit}>
        <input
          aria-label="Message"
          placeholder="Type a message…"
          value={draft}
          maxLength={4000}
          onChange={(e) => setDraft(e.target.value)}
          autoFocus
        />
        <button type="submit" disabled={!draft.trim()}>
          Send
        </button>
      </form>
    </section>
  );
}

function ChatBubble({
  entry,
  client,
  latest,
}: {
  entry: ChatEntry;
  client: ChatClient | null;
  latest: boolean;
}) {
  const author = entry.message?.author ?? 'customer';
  const text = entry.message?.text ?? entry.pendingText ?? '';
  const [verdict, setVerdict] = useState<'helpful' | 'unhelpful' | null>(null);
  const message = entry.message;
  const rate = (helpful: boolean) => {
    if (!message) return;
    client?.sendFeedback(message.id, helpful);
    setVerdict(helpful ? 'helpful' : 'unhelpful');
  };
  return (
    <li
      className={`bubble bubble-${author} bubble-${entry.status}`}
      data-author={author}
      data-status={entry.status}
    >
      {linkify(text)}
      {message?.kbArticleId && (
        <span className="bubble-feedback">
          {verdict ? (
            <span>Thanks for telling us · 感谢反馈</span>
          ) : (
            <>
              <span>Helpful? 有帮助吗？</span>
              <button type="button" aria-label="Helpful" onClick={() => rate(true)}>
                👍
              </button>
              <button type="button" aria-label="Not helpful" onClick={() => rate(false)}>
                👎
              </button>
            </>
          )}
        </span>
      )}
      {latest && message?.quickReplies?.length ? (
        <span className="bubble-quick-replies">
          {message.quickReplies.map((q) => (
            <button key={q.label} type="button" onClick={() => client?.send(q.value ?? q.label)}>
              {q.label}
            </button>
          ))}
        </span>
      ) : null}
    </li>
  );
}
