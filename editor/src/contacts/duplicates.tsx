import { useState } from 'react';
import type { ContactDuplicates } from '@kefu/schemas/api';
import { hrefOf } from '../console/router';
import { ApiError } from '../shared/http';
import { LoadState } from '../shared/load-state';
import { useLoad } from '../shared/use-load';
import type { ContactsApi } from './contacts-api';
import { useContactWords } from './words';

type Group = ContactDuplicates['groups'][number];

/** Contacts that share an email or phone, group by group: pick the one to keep and merge the rest into it. */
export function DuplicatesView({ api }: { api: ContactsApi }) {
  const { t } = useContactWords();
  const groups = useLoad(() => api.duplicates(), 'duplicates');
  return (
    <section className="contacts" aria-labelledby="duplicates-title">
      <a href={hrefOf('contacts')}>{t('back')}</a>
      <h1 id="duplicates-title">{t('duplicates')}</h1>
      <p className="muted small">{t('mergeHelp')}</p>
      <LoadState
        loaded={groups}
        words={{ loading: t('loading'), failed: t('loadFailed'), retry: t('retry') }}
      >
        {(data) =>
          data.groups.length === 0 ? (
            <p className="muted">{t('noDuplicates')}</p>
          ) : (
            <ul className="duplicate-groups">
              {data.groups.map((group) => (
                <DuplicateGroup
                  key={`${group.reason}:${group.value}`}
                  api={api}
                  group={group}
                  onMerged={groups.reload}
                />
              ))}
            </ul>
          )
        }
      </LoadState>
    </section>
  );
}

function DuplicateGroup({ api, group, onMerged }: { api: ContactsApi; group: Group; onMerged(): void }) {
  const { t, lang } = useContactWords();
  // The oldest contact is kept by default: it usually holds the longest history.
  const [keep, setKeep] = useState(group.contacts[0]!.id);
  const [status, setStatus] = useState<{ kind: 'idle' | 'busy' } | { kind: 'failed'; message: string }>({
    kind: 'idle',
  });
  const title = `${group.reason === 'email' ? t('sameEmail') : t('samePhone')}: ${group.value}`;
  const merge = async () => {
    setStatus({ kind: 'busy' });
    try {
      await api.merge(
        keep,
        group.contacts.map((c) => c.id).filter((id) => id !== keep),
      );
      onMerged();
    } catch (err) {
      setStatus({ kind: 'failed', message: err instanceof ApiError ? err.message : String(err) });
    }
  };
  return (
    <li className="duplicate-group">
      <fieldset>
        <legend>{title}</legend>
        {group.contacts.map((c) => (
          <label key={c.id} className="duplicate-option">
            <input
              type="radio"
              name={`keep-${group.reason}-${group.value}`}
              checked={keep === c.id}
              onChange={() => setKeep(c.id)}
            />
            <span>
              <strong>{c.name ?? t('anonymous')}</strong> · {c.email ?? '—'} · {c.phone ?? '—'} ·{' '}
              {new Date(c.createdAt).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en')}
              {c.tags.length ? ` · ${c.tags.join(', ')}` : ''}
            </span>
            <a href={hrefOf('contacts', c.id)} className="small">
              {t('profile')}
            </a>
          </label>
        ))}
        <button type="button" disabled={status.kind === 'busy'} onClick={() => void merge()}>
          {status.kind === 'busy' ? t('merging') : t('merge')}
        </button>
        {status.kind === 'failed' && (
          <span className="error" role="alert">
            {status.message}
          </span>
        )}
      </fieldset>
    </li>
  );
}
