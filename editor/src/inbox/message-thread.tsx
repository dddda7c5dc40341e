import { useEffect, useRef } from 'react';
import type { ThreadMessage } from './inbox-api';
import { useInboxWords } from './words';

/**
 * A conversation's messages, oldest first. Customer, bot, agent and internal notes look
 * different and say who wrote them. Text is rendered as React text nodes, never as HTML: markup
 * typed by a customer is shown, not run.
 */
export function MessageThread({ messages, meId }: { messages: ThreadMessage[]; meId?: string }) {
  const { t, lang } = useInboxWords();
  const list = useRef<HTMLOListElement>(null);
  // New messages scroll the thread's own box to the bottom (not the page around it).
  useEffect(() => {
    const box = list.current?.parentElement;
    if (box) box.scrollTop = box.scrollHeight;
  }, [messages.length]);
  if (messages.length === 0) return <p className="muted thread-empty">{t('noMessages')}</p>;
  const time = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en', {
    hour: '2-digit',
    minute: '2-digit',
  });
  return (
    <ol ref={list} className="thread" aria-label={t('thread')} data-testid="thread">
      {messages.map((m) => (
        <li key={m.id} className={`bubble bubble-${m.author}`} data-author={m.author}>
          <div className="bubble-meta">
            <span className="bubble-who">
              {m.authorId && m.authorId === meId ? `${t(m.author)} · ${t('you')}` : t(m.author)}
            </span>
            <time dateTime={m.createdAt}>{time.format(new Date(m.createdAt))}</time>
            {m.sensitive?.map((category) => (
              <span key={category} className="bubble-flag" title={t('sensitiveMark')}>
                {t('sensitiveMark')}: {category}
              </span>
            ))}
          </div>
          <p className="bubble-text">{m.text}</p>
        </li>
      ))}
    </ol>
  );
}
