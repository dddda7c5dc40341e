import { useState, type FormEvent } from 'react';
import { hrefOf } from '../console/router';
import { useMe } from '../console/session';
import { PagedList } from '../shared/paged-list';
import { usePaged } from '../shared/use-paged';
import { PAGE_SIZE, type ContactQuery, type ContactsApi } from './contacts-api';
import { ContactImport } from './contact-import';
import { useContactWords } from './words';

/** By when contacts were stored: the only orders the API gives without reading every contact. */
const SORTS = [
  ['-createdAt', 'newest'],
  ['createdAt', 'oldest'],
] as const;

/**
 * Contacts with search (exact email, phone or name word first, then names, emails and phones that
 * contain the text), a tag filter and sort; the list grows with "load more", says how many the shop
 * has, and says how far back a search looked when it stopped short. Owners also import and export
 * CSV.
 */
export function ContactList({ api }: { api: ContactsApi }) {
  const { t, lang } = useContactWords();
  const owner = useMe().user.roles.includes('owner');
  const [filters, setFilters] = useState<Omit<ContactQuery, 'cursor'>>({ sort: '-createdAt' });
  const [search, setSearch] = useState('');
  const [tag, setTag] = useState('');
  const paged = usePaged(
    (cursor) => api.list({ ...filters, ...(cursor ? { cursor } : {}) }),
    JSON.stringify(filters),
    PAGE_SIZE,
  );
  const words = { loading: t('loading'), failed: t('loadFailed'), retry: t('retry') };
  const date = (iso: string) => new Date(iso).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilters((f) => ({ ...f, q: search.trim() || undefined, tag: tag.trim() || undefined }));
  };

  return (
    <section className="contacts" aria-labelledby="contacts-title">
      <div className="contacts-head">
        <h1 id="contacts-title">{t('contacts')}</h1>
        {paged.total !== undefined && (
          <span className="muted contacts-total">
            {paged.total.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en')} {t('total')}
          </span>
        )}
        <div className="contacts-actions">
          <a href={hrefOf('contacts', 'duplicates')}>{t('duplicates')}</a>
          {owner && (
            <a href={api.exportUrl} download="contacts.csv">
              {t('exportCsv')}
            </a>
          )}
        </div>
      </div>
      {owner && <ContactImport api={api} onImported={() => paged.reload()} />}
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
          <select value={filters.sort} onChange={(e) => setFilters((f) => ({ ...f, sort: e.target.value }))}>
            {SORTS.map(([value, word]) => (
              <option key={value} value={value}>
                {t(word)}
              </option>
            ))}
          </select>
        </label>
      </form>
      <PagedList
        paged={paged}
        words={words}
        empty={<p className="muted">{t('noContacts')}</p>}
        label={t('list')}
      >
        {(items) => (
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
              {items.map((c) => (
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
        )}
      </PagedList>
    </section>
  );
}
