import type { AuditEntry, AuditFilter } from '@kefu/schemas/api';
import { RangeAndActions, useFilterForm } from '../shared/filter-form';
import '../shared/editable-list.css';
import { PagedList } from '../shared/paged-list';
import { useLoad } from '../shared/use-load';
import { usePaged } from '../shared/use-paged';
import { AUDIT_PAGE_SIZE, auditApi, type AuditApi } from './audit-api';
import { ACTION_WORDS, useAuditWords } from './words';
import './audit.css';

const EMPTY_FORM = { actor: '', action: '', from: '', to: '' };

/**
 * Owners' audit log: newest first, growing with "load more", filtered by who, what and when, and
 * exported as CSV with the same filters. The filters are no index, so a rare match can stop short
 * and say how far back it looked (ListMore).
 */
export function AuditPage({ api = auditApi }: { api?: AuditApi }) {
  const { t, lang } = useAuditWords();
  const { form, set, filter, apply, clear, rangeError, filtered } = useFilterForm<
    typeof EMPTY_FORM,
    AuditFilter
  >(EMPTY_FORM, (f) => ({
    ...(f.actor ? { actor: f.actor } : {}),
    ...(f.action ? { action: f.action } : {}),
  }));
  const users = useLoad(() => api.users(), 'audit-users');
  const paged = usePaged((cursor) => api.list(filter, cursor), JSON.stringify(filter), AUDIT_PAGE_SIZE);
  const when = (iso: string) => new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en');
  const actionName = (action: string) => ACTION_WORDS[action]?.[lang] ?? action;

  return (
    <section className="audit-page" aria-labelledby="audit-title">
      <div className="audit-head">
        <h1 id="audit-title">{t('title')}</h1>
        <a href={api.exportUrl(filter)} download="audit-log.csv">
          {t('exportCsv')}
        </a>
      </div>
      <p className="muted">{t('intro')}</p>
      <form className="filter-form" role="search" aria-label={t('filters')} onSubmit={apply}>
        <label>
          {t('actor')}
          <select value={form.actor} onChange={set('actor')}>
            <option value="">{t('anyone')}</option>
            {(users.data ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.email})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('action')}
          <select value={form.action} onChange={set('action')}>
            <option value="">{t('anyAction')}</option>
            {Object.keys(ACTION_WORDS).map((a) => (
              <option key={a} value={a}>
                {actionName(a)}
              </option>
            ))}
          </select>
        </label>
        <RangeAndActions
          form={form}
          set={set}
          clear={clear}
          rangeError={rangeError}
          words={{
            from: t('from'),
            to: t('to'),
            apply: t('apply'),
            clear: t('clear'),
            badRange: t('badRange'),
          }}
        />
      </form>
      <PagedList
        paged={paged}
        words={{ loading: t('loading'), failed: t('failed'), retry: t('retry') }}
        empty={<p className="muted">{filtered ? t('noMatch') : t('empty')}</p>}
        label={t('more')}
      >
        {(items) => (
          <table className="list-table audit-table" aria-label={t('title')}>
            <thead>
              <tr>
                <th scope="col">{t('at')}</th>
                <th scope="col">{t('actor')}</th>
                <th scope="col">{t('action')}</th>
                <th scope="col">{t('target')}</th>
                <th scope="col">{t('change')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id}>
                  <td className="nowrap">{when(e.at)}</td>
                  <td>{e.actor.email}</td>
                  <td title={e.action}>{actionName(e.action)}</td>
                  <td>
                    <span className="muted">{e.target.type}</span>{' '}
                    <code className="small">{e.target.id}</code>
                  </td>
                  <td>
                    <Change entry={e} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </PagedList>
    </section>
  );
}

/** The changed fields, as text (React escapes it: names and emails in here come from people). */
function Change({ entry }: { entry: AuditEntry }) {
  const { t } = useAuditWords();
  const show = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
  const before = show(entry.before);
  const after = show(entry.after);
  return (
    <div className="audit-change">
      {before && (
        <div>
          <span className="muted">{t('before')}:</span> <code>{before}</code>
        </div>
      )}
      {after && (
        <div>
          <span className="muted">{t('after')}:</span> <code>{after}</code>
        </div>
      )}
    </div>
  );
}
