import { hrefOf } from '../console/router';
import type { InboxItem } from './inbox-api';
import { useInboxWords } from './words';

/** One queue: who is waiting, the latest words, how many unread. */
export function QueueList({
  title,
  items,
  selectedId,
  testId,
}: {
  title: string;
  items: InboxItem[];
  selectedId?: string;
  testId: string;
}) {
  const { t, lang } = useInboxWords();
  const time = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en', {
    hour: '2-digit',
    minute: '2-digit',
  });
  const unreadTotal = items.reduce((n, item) => n + item.unread, 0);
  return (
    <section className="queue" aria-label={title} data-testid={testId}>
      <h2>
        {title} <span className="muted">({items.length})</span>
        {unreadTotal > 0 && (
          <span className="badge" aria-label={`${unreadTotal} ${t('unreadCount')}`}>
            {unreadTotal}
          </span>
        )}
      </h2>
      {items.length === 0 ? (
        <p className="muted small">{t('emptyQueue')}</p>
      ) : (
        <ul>
          {items.map((item) => (
            <li key={item.id}>
              <a
                href={hrefOf('inbox', item.id)}
                aria-current={item.id === selectedId ? 'true' : undefined}
                className={item.unread > 0 ? 'queue-item unread' : 'queue-item'}
              >
                <span className="queue-item-top">
                  <span className="queue-name">{item.contactName || t('anonymous')}</span>
                  {item.lastMessageAt && (
                    <time dateTime={item.lastMessageAt}>{time.format(new Date(item.lastMessageAt))}</time>
                  )}
                </span>
                <span className="queue-item-bottom">
                  <span className="queue-preview">{item.preview ?? ''}</span>
                  {item.priority && item.priority !== 'normal' && (
                    <span className={`priority priority-${item.priority}`}>{item.priority}</span>
                  )}
                  {item.unread > 0 && (
                    <span className="badge" aria-label={`${item.unread} ${t('unreadCount')}`}>
                      {item.unread}
                    </span>
                  )}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
