import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { isRatingRequest } from '@kefu/schemas';
import { ChatClient, type ChatEntry, type ChatState } from './chat-client';
import type { VisitorCredentials } from './visitor-credentials';
import { linkify } from './linkify';
import { OfflineForm } from './offline-form';
import { StarRating } from './star-rating';
import { ThumbIcon } from './thumb-icon';
import { translator, type ChatLang, type Translate } from './words';

export interface ChatWindowProps {
  url: string;
  workspace: string;
  /** Read once when the page loads; a new object restarts the chat. */
  visitor: VisitorCredentials;
  onVisitor?: (visitor: VisitorCredentials) => void;
  lang: ChatLang;
  onLangChange?: (lang: ChatLang) => void;
  /** In the embeddable widget: a button that minimises the chat back to its bubble. */
  onClose?: () => void;
  onStateChange?: (state: ChatState) => void;
}

/** The customer's chat. Every message renders as text (React escapes it): nothing typed ever runs. */
export function ChatWindow({
  url,
  workspace,
  visitor,
  onVisitor,
  lang,
  onLangChange,
  onClose,
  onStateChange,
}: ChatWindowProps) {
  const [state, setState] = useState<ChatState>({ connection: 'connecting', entries: [] });
  const [draft, setDraft] = useState('');
  const client = useRef<ChatClient | null>(null);
  const list = useRef<HTMLOListElement | null>(null);
  const t = useMemo(() => translator(lang), [lang]);
  const stateListener = useRef(onStateChange);
  stateListener.current = onStateChange;
  const visitorListener = useRef(onVisitor);
  visitorListener.current = onVisitor;

  useEffect(() => {
    const c = new ChatClient({
      url,
      workspace,
      visitor,
      onVisitor: (v) => visitorListener.current?.(v),
      onChange: (s) => {
        setState(s);
        stateListener.current?.(s);
      },
    });
    client.current = c;
    c.start();
    return () => c.stop();
  }, [url, workspace, visitor]);

  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView({ block: 'end' });
  }, [state.entries.length, state.agentTyping]);

  // A refused message comes back to the composer, unless the customer has started another.
  const returned = state.returned;
  useEffect(() => {
    if (returned) setDraft((current) => current || returned.text);
  }, [returned]);

  const send = (text: string) => client.current?.send(text);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    if (!text) return;
    send(text);
    setDraft('');
  };
  const latest = state.entries.at(-1);
  const formAt = state.entries.findLastIndex((e) => e.message?.offlineForm);

  return (
    <section className="chat" aria-label={t('title')} lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      <header className="chat-header">
        <span className="chat-title">{t('title')}</span>
        <span className={`chat-status chat-status-${state.connection}`} data-testid="connection">
          {t(state.connection)}
        </span>
        <span className="chat-header-actions">
          {onLangChange && (
            <button
              type="button"
              className="chat-header-button"
              aria-label={t('languageLabel')}
              onClick={() => onLangChange(lang === 'zh' ? 'en' : 'zh')}
            >
              {t('language')}
            </button>
          )}
          {onClose && (
            <button type="button" className="chat-header-button" aria-label={t('close')} onClick={onClose}>
              ⌄
            </button>
          )}
        </span>
      </header>
      <ol className="chat-messages" ref={list} aria-live="polite" data-testid="messages">
        {state.entries.map((entry, i) => (
          <ChatBubble
            key={entry.key}
            entry={entry}
            client={client.current}
            latest={entry === latest}
            t={t}
            onSend={send}
            onRate={(rating) => send(String(rating))}
            offlineForm={
              i === formAt ? (
                <OfflineForm
                  t={t}
                  status={state.offlineForm}
                  onSubmit={(form) => client.current?.sendOfflineForm(form)}
                />
              ) : null
            }
          />
        ))}
      </ol>
      {state.agentTyping && (
        <p className="chat-typing" role="status" data-testid="agent-typing">
          {t('agentTyping')}
        </p>
      )}
      {state.error && (
        <p className="chat-error" role="alert">
          {state.errorCode === 'KEFU_ERR_SENSITIVE' ? t('sensitiveRefused') : state.error}
        </p>
      )}
      <form className="chat-compose" onSubmit={submit}>
        <input
          aria-label={t('message')}
          placeholder={t('placeholder')}
          value={draft}
          maxLength={4000}
          onChange={(e) => {
            setDraft(e.target.value);
            if (e.target.value) client.current?.typing();
          }}
          autoFocus
        />
        <button type="submit" disabled={!draft.trim()}>
          {t('send')}
        </button>
      </form>
    </section>
  );
}

function ChatBubble({
  entry,
  client,
  latest,
  t,
  onSend,
  onRate,
  offlineForm,
}: {
  entry: ChatEntry;
  client: ChatClient | null;
  latest: boolean;
  t: Translate;
  onSend: (text: string) => void;
  onRate: (rating: number) => void;
  offlineForm: React.ReactNode;
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
  const rating = latest && message && isRatingRequest(message);
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
            <span>{t('thanks')}</span>
          ) : (
            <>
              <span>{t('helpful')}</span>
              <button type="button" aria-label={t('yes')} onClick={() => rate(true)}>
                <ThumbIcon />
              </button>
              <button type="button" aria-label={t('no')} onClick={() => rate(false)}>
                <ThumbIcon down />
              </button>
            </>
          )}
        </span>
      )}
      {rating ? (
        <StarRating t={t} onRate={onRate} />
      ) : latest && message?.quickReplies?.length ? (
        <span className="bubble-quick-replies">
          {message.quickReplies.map((q) => (
            <button key={q.label} type="button" onClick={() => onSend(q.value ?? q.label)}>
              {q.label}
            </button>
          ))}
        </span>
      ) : null}
      {offlineForm}
    </li>
  );
}
