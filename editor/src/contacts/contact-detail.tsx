import { useState, type FormEvent } from 'react';
import type { ContactDetail, ContactPatch, ContactWire } from '@kefu/schemas/api';
import { hrefOf } from '../console/router';
import { ApiError } from '../shared/http';
import { LoadState } from '../shared/load-state';
import { useLoad } from '../shared/use-load';
import type { ContactsApi } from './contacts-api';
import { fill, useContactWords } from './words';
import { ticketNumberText } from '../tickets/ticket-number';
import { ContactRights } from './contact-rights';

/** One contact: their profile to edit, and everything that happened with them. */
export function ContactDetailView({ api, id }: { api: ContactsApi; id: string }) {
  const { t } = useContactWords();
  const detail = useLoad(() => api.get(id), id);
  // Kept here: a save reloads the contact, which remounts the profile form (keyed by updatedAt).
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const notFound =
    detail.state === 'failed' && detail.error instanceof ApiError && detail.error.status === 404;
  return (
    <section className="contact-detail" aria-labelledby="contact-title">
      <a href={hrefOf('contacts')}>{t('back')}</a>
      {notFound ? (
        <p className="page-state muted">{t('notFound')}</p>
      ) : (
        <LoadState
          loaded={detail}
          words={{ loading: t('loading'), failed: t('loadFailed'), retry: t('retry') }}
        >
          {(data) => (
            <div className="contact-columns">
              <ContactProfile
                key={data.contact.updatedAt}
                api={api}
                contact={data.contact}
                justSaved={savedAt !== null && savedAt === data.contact.updatedAt}
                onSaved={(updatedAt) => {
                  setSavedAt(updatedAt);
                  detail.reload();
                }}
              />
              <ContactHistory detail={data} />
              <ContactRights api={api} id={data.contact.id} />
            </div>
          )}
        </LoadState>
      )}
    </section>
  );
}

type Attribute = { key: string; value: string };

function ContactProfile({
  api,
  contact,
  justSaved,
  onSaved,
}: {
  api: ContactsApi;
  contact: ContactWire;
  justSaved: boolean;
  onSaved(updatedAt: string): void;
}) {
  const { t } = useContactWords();
  const [name, setName] = useState(contact.name ?? '');
  const [email, setEmail] = useState(contact.email ?? '');
  const [phone, setPhone] = useState(contact.phone ?? '');
  const [tags, setTags] = useState(contact.tags.join(', '));
  const [attributes, setAttributes] = useState<Attribute[]>(
    Object.entries(contact.attributes).map(([key, value]) => ({
      key,
      value: typeof value === 'string' ? value : JSON.stringify(value),
    })),
  );
  const [status, setStatus] = useState<
    { kind: 'idle' | 'saving' | 'saved' } | { kind: 'failed'; message: string }
  >({
    kind: justSaved ? 'saved' : 'idle',
  });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    // Only what changed goes up: a value a flow stored in another shape is left alone.
    const next = {
      name: name.trim() || null,
      email: email.trim() || null,
      phone: phone.trim() || null,
      tags: [
        ...new Set(
          tags
            .split(/[,，]/)
            .map((x) => x.trim())
            .filter(Boolean),
        ),
      ],
    };
    const nextAttributes: Record<string, unknown> = Object.fromEntries(
      attributes
        .filter((a) => a.key.trim())
        .map((a) => [a.key.trim(), original(contact, a.key.trim(), a.value)]),
    );
    const before = {
      name: contact.name ?? null,
      email: contact.email ?? null,
      phone: contact.phone ?? null,
      tags: contact.tags,
    };
    const { tags: nextTags, ...rest } = next;
    const patch = Object.fromEntries(
      Object.entries(rest).filter(
        ([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k as keyof typeof before]),
      ),
    ) as ContactPatch;
    // Only the tags this person added or removed: another agent's tagging meanwhile stays.
    const addTags = nextTags.filter((t) => !before.tags.includes(t));
    const removeTags = before.tags.filter((t) => !nextTags.includes(t));
    if (addTags.length) patch.addTags = addTags;
    if (removeTags.length) patch.removeTags = removeTags;
    // Attributes merge key by key on the server: only those changed here, null for those removed,
    // so an attribute a flow or another agent set meanwhile stays.
    const changedAttributes = {
      ...Object.fromEntries(
        Object.entries(nextAttributes).filter(
          ([k, v]) => JSON.stringify(v) !== JSON.stringify(contact.attributes[k]),
        ),
      ),
      ...Object.fromEntries(
        Object.keys(contact.attributes)
          .filter((k) => !(k in nextAttributes))
          .map((k) => [k, null]),
      ),
    };
    if (Object.keys(changedAttributes).length)
      patch.attributes = changedAttributes as NonNullable<ContactPatch['attributes']>;
    if (Object.keys(patch).length === 0) {
      setStatus({ kind: 'saved' });
      return;
    }
    setStatus({ kind: 'saving' });
    try {
      const updated = await api.update(contact.id, patch);
      setStatus({ kind: 'saved' });
      onSaved(updated.updatedAt);
    } catch (err) {
      const message =
        err instanceof ApiError ? `${err.message}${err.field ? ` (${err.field})` : ''}` : String(err);
      setStatus({ kind: 'failed', message });
    }
  };

  const setAttribute = (i: number, change: Partial<Attribute>) =>
    setAttributes((list) => list.map((a, j) => (j === i ? { ...a, ...change } : a)));

  return (
    <form className="contact-profile" onSubmit={(e) => void save(e)} aria-labelledby="contact-title">
      <h1 id="contact-title">{contact.name ?? contact.email ?? contact.phone ?? t('anonymous')}</h1>
      {contact.mergedFrom?.length ? (
        <p className="muted small">{fill(t('mergedFrom'), { n: contact.mergedFrom.length })}</p>
      ) : null}
      {contact.lastCsat && (
        <p className="small">
          {t('lastCsat')}: {fill(t('stars'), { n: contact.lastCsat.rating })}
        </p>
      )}
      <h2>{t('profile')}</h2>
      <label>
        {t('name')}
        <input value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {t('email')}
        <input
          type="email"
          value={email}
          maxLength={254}
          // Masked without "view personal data": the API refuses changes to what one cannot see.
          readOnly={contact.masked}
          onChange={(e) => setEmail(e.target.value)}
        />
      </label>
      <label>
        {t('phone')}
        <input
          type="tel"
          value={phone}
          maxLength={40}
          readOnly={contact.masked}
          onChange={(e) => setPhone(e.target.value)}
        />
      </label>
      <label>
        {t('tags')}
        <input value={tags} aria-describedby="contact-tags-help" onChange={(e) => setTags(e.target.value)} />
      </label>
      <span id="contact-tags-help" className="muted small">
        {t('tagsHelp')}
      </span>
      <fieldset className="contact-attributes">
        <legend>{t('attributes')}</legend>
        {attributes.map((a, i) => (
          <div key={i} className="contact-attribute">
            <input
              aria-label={`${t('attributeName')} ${i + 1}`}
              placeholder={t('attributeName')}
              value={a.key}
              maxLength={64}
              onChange={(e) => setAttribute(i, { key: e.target.value })}
            />
            <input
              aria-label={`${t('attributeValue')} ${i + 1}`}
              placeholder={t('attributeValue')}
              value={a.value}
              maxLength={1000}
              onChange={(e) => setAttribute(i, { value: e.target.value })}
            />
            <button type="button" onClick={() => setAttributes((list) => list.filter((_, j) => j !== i))}>
              {t('remove')}
              <span className="sr-only"> {a.key}</span>
            </button>
          </div>
        ))}
        <button type="button" onClick={() => setAttributes((list) => [...list, { key: '', value: '' }])}>
          {t('addAttribute')}
        </button>
      </fieldset>
      <div className="contact-save">
        <button type="submit" disabled={status.kind === 'saving'}>
          {status.kind === 'saving' ? t('saving') : t('save')}
        </button>
        {status.kind === 'saved' && <span role="status">{t('saved')}</span>}
        {status.kind === 'failed' && (
          <span className="error" role="alert">
            {t('saveFailed')} {status.message}
          </span>
        )}
      </div>
    </form>
  );
}

/** A value typed as text keeps the type it had (a number stays a number) when it reads back the same. */
function original(contact: ContactWire, key: string, text: string): string | number | boolean {
  const before = contact.attributes[key];
  if ((typeof before === 'number' || typeof before === 'boolean') && JSON.stringify(before) === text)
    return before;
  return text;
}

function ContactHistory({ detail }: { detail: ContactDetail }) {
  const { t, lang } = useContactWords();
  const date = (iso: string) => new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en');
  return (
    <div className="contact-history">
      <h2>{t('conversations')}</h2>
      {detail.conversations.length === 0 ? (
        <p className="muted">{t('none')}</p>
      ) : (
        <ul>
          {detail.conversations.map((c) => (
            <li key={c.id}>
              <a href={hrefOf('inbox', c.id)}>{date(c.lastMessageAt ?? c.createdAt)}</a> · {c.channel} ·{' '}
              {c.status === 'open' ? t('open') : t('closed')}
              {c.csat ? ` · ★ ${c.csat}` : ''}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('tickets')}</h2>
      {detail.tickets.length === 0 ? (
        <p className="muted">{t('none')}</p>
      ) : (
        <ul>
          {detail.tickets.map((ticket) => (
            <li key={ticket.id}>
              <a href={hrefOf('tickets', ticket.id)}>
                {ticketNumberText(ticket)}
                {ticket.subject}
              </a>{' '}
              · {ticket.status} · {ticket.priority} · {date(ticket.createdAt)}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('ratings')}</h2>
      {detail.surveyResponses.length === 0 ? (
        <p className="muted">{t('none')}</p>
      ) : (
        <ul>
          {detail.surveyResponses.map((r) => (
            <li key={r.id}>
              <span aria-label={fill(t('stars'), { n: r.rating })}>
                {'★'.repeat(r.rating) + '☆'.repeat(5 - r.rating)}
              </span>{' '}
              {date(r.createdAt)}
              {r.comment ? <q className="contact-comment">{r.comment}</q> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
