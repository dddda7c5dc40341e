import { useContext, useState } from 'react';
import type { ContactReveal } from '@kefu/schemas/api';
import { hrefOf } from '../console/router';
import { SessionContext } from '../console/session';
import { ApiError } from '../shared/http';
import { LoadState } from '../shared/load-state';
import { useLoad } from '../shared/use-load';
import type { InboxApi } from './inbox-api';
import { useInboxWords } from './words';
import { ticketNumberText } from '../tickets/ticket-number';

/** Who the customer is: profile, tags, custom attributes, their other conversations and tickets. */
export function ContactPanel({
  api,
  contactId,
  currentId,
}: {
  api: InboxApi;
  contactId: string;
  currentId: string;
}) {
  const { t, lang } = useInboxWords();
  const loaded = useLoad(() => api.contact(contactId), `${contactId}:${currentId}`);
  // Personal fields come masked; a user with "view personal data" shows them with the eye (audited).
  const mayReveal = Boolean(useContext(SessionContext)?.user.viewPersonalData);
  const [revealed, setRevealed] = useState<ContactReveal | null>(null);
  const [revealing, setRevealing] = useState(false);
  const [revealError, setRevealError] = useState<string | null>(null);
  if (revealed && revealed.id !== contactId) setRevealed(null);
  const reveal = async () => {
    setRevealing(true);
    setRevealError(null);
    try {
      setRevealed(await api.revealContact(contactId));
    } catch (err) {
      setRevealError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setRevealing(false);
    }
  };
  const words = { loading: t('loading'), failed: t('loadFailed'), retry: t('retry') };
  const date = (iso: string) => new Date(iso).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en');
  return (
    <aside className="contact-panel" aria-label={t('contact')}>
      <LoadState loaded={loaded} words={words}>
        {({ profile: masked, history: h }) => {
          const c = revealed ? { ...masked, ...revealed } : masked;
          return (
            <>
              <section aria-label={t('profile')}>
                <h2 className="contact-name">{c.name || t('anonymous')}</h2>
                <dl className="facts">
                  {c.email && (
                    <>
                      <dt>{t('email')}</dt>
                      <dd>{c.email}</dd>
                    </>
                  )}
                  {c.phone && (
                    <>
                      <dt>{t('phone')}</dt>
                      <dd>{c.phone}</dd>
                    </>
                  )}
                </dl>
                {masked.masked && mayReveal && (c.email || c.phone) && (
                  <p className="reveal">
                    {revealed ? (
                      <button type="button" onClick={() => setRevealed(null)}>
                        {t('hidePersonal')}
                      </button>
                    ) : (
                      <button type="button" disabled={revealing} onClick={() => void reveal()}>
                        {t('revealPersonal')}
                      </button>
                    )}
                    {revealError && (
                      <span role="alert" className="error">
                        {' '}
                        {t('revealFailed')} {revealError}
                      </span>
                    )}
                  </p>
                )}
                <h3>{t('tags')}</h3>
                {c.tags.length ? (
                  <ul className="tags">
                    {c.tags.map((tag) => (
                      <li key={tag}>{tag}</li>
                    ))}
                  </ul>
                ) : (
                  <p className="muted">{t('noTags')}</p>
                )}
                <h3>{t('attributes')}</h3>
                {Object.keys(c.attributes).length ? (
                  <dl className="facts">
                    {Object.entries(c.attributes).map(([key, value]) => (
                      <div key={key}>
                        <dt>{key}</dt>
                        <dd>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</dd>
                      </div>
                    ))}
                  </dl>
                ) : (
                  <p className="muted">{t('noAttributes')}</p>
                )}
              </section>
              <h3>{t('pastConversations')}</h3>
              {h.conversations.some((x) => x.id !== currentId) ? (
                <ul className="history">
                  {h.conversations
                    .filter((x) => x.id !== currentId)
                    .map((c) => (
                      <li key={c.id}>
                        <a href={hrefOf('inbox', c.id)}>
                          {date(c.lastMessageAt ?? c.createdAt)} ·{' '}
                          {c.status === 'closed' ? t('closed') : t('open')}
                        </a>
                      </li>
                    ))}
                </ul>
              ) : (
                <p className="muted">{t('none')}</p>
              )}
              <h3>{t('pastTickets')}</h3>
              {h.tickets.length ? (
                <ul className="history">
                  {h.tickets.map((ticket) => (
                    <li key={ticket.id}>
                      <a href={hrefOf('tickets', ticket.id)}>
                        {ticketNumberText(ticket)}
                        {ticket.subject}
                      </a>{' '}
                      <span className="muted">{ticket.status}</span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">{t('none')}</p>
              )}
            </>
          );
        }}
      </LoadState>
    </aside>
  );
}
