import { useState, type FormEvent } from 'react';
import { hrefOf } from '../console/router';
import { useMe } from '../console/session';
import { LoadState } from '../shared/load-state';
import { useLoad } from '../shared/use-load';
import type { ContactQuery, ContactsApi } from './contacts-api';
import { ContactImport } from './contact-import';
import { useContactWords } from './words';

const SORTS = [
  ['-createdAt', 'newest'],
  ['createdAt', 'oldest'],
  ['-updatedAt', 'recentlyUpdated'],
  ['name', 'byName'],
] as const;

/**
 * Contacts with search (name, email, phone), a tag filter, sort and cursor pages; owners also
 * import and export CSV. Cursors only go forward, so the list keeps the ones it came through.
 */
export function ContactList({ api }: { api: ContactsApi }) {
  const { t, lang } = useContactWords();
  const owner = useMe().user.roles.includes('owner');
  const [filters, setFilters] = useState<Omit<ContactQuery, 'cursor'>>({ sort: '-createdAt' });
  const [search, setSearch] = useState('');
  const [tag, setTag] = useState('');
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const query = { ...filters, ...(cursor ? { cursor } : {}) };
  const page = useLoad(() => api.list(query), JSON.stringify(query));
  const words = { loading: t('loading'), failed: t('loadFailed'), retry: t('retry') };
  const date = (iso: string) => new Date(iso).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilters((f) => ({ ...f, q: search.trim() || undefined, tag: tag.trim() || undefined }));
    setCursors([]);
  };

  return (
    <section className="contacts" aria-labelledby="contacts-title">
      <div className="contacts-head">
        <h1 id="contacts-title">{t('contacts')}</h1>
        <div className="contacts-actions">
          <a href={hrefOf('contacts', 'duplicates')}>{t('duplicates')}</a>
          {owner && (
            <a href={api.exportUrl} download="contacts.csv">
              {t('exportCsv')}
            </a>
          )}
        </div>
      </div>
      {owner && <ContactImport api={api} onImported={() => page.reload()} />}
      <form className="contact-filters" role="search" onSubmit={submit}>
        <input
          type="search"
          aria-label={t('search')}
          placeholder={t('search')}
          value={search}
          maxLength={200}
          onChange={(e) => setSearch(e.target.value)}
        />
        <label>
          {t('tag')}
          <input value={tag} maxLength={50} size={12} onChange={(e) => setTag(e.target.value)} />
        </label>
        <button type="submit">{t('searchButton')}</button>
        <label>
          {t('sort')}
          <select
            value={filters.sort}
            onChange={(e) => {
              setFilters((f) => ({ ...f, sort: e.target.value }));
              setCursors([]);
            }}
          >
            {SORTS.map(([value, word]) => (
              <option key={value} value={value}>
                {t(word)}
              </option>
            ))}
          </select>
        </label>
      </form>
      <LoadState loaded={page} words={words}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="muted">{t('noContacts')}</p>
          ) : (
            <>
              <table className="contact-table">
                <thead>
                  <tr>
                    <th scope="col">{t('name')}</th>
                    <th scope="col">{t('email')}</th>
                    <th scope="col">{t('phone')}</th>
                    <th scope="col">{t('tags')}</th>
                    <th scope="col">{t('created')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((c) => (
                    <tr key={c.id}>
                      <td>
                        <a href={hrefOf('contacts', c.id)}>{c.name ?? t('anonymous')}</a>
                      </td>
                      <td>{c.email ?? '—'}</td>
                      <td>{c.phone ?? '—'}</td>
                      <td>
                        {c.tags.map((tagName) => (
                          <span key={tagName} className="contact-tag">
                            {tagName}
                          </span>
                        ))}
                      </td>
                      <td>{date(c.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <nav className="pager" aria-label={t('page')}>
                <button disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
                  {t('previous')}
                </button>
                <button
                  disabled={!data.nextCursor}
                  onClick={() => data.nextCursor && setCursors((c) => [...c, data.nextCursor!])}
                >
                  {t('next')}
                </button>
              </nav>
            </>
          )
        }
      </LoadState>
    </section>
  );
}
