import { useEffect, useState } from 'react';
import type { KbArticleWire } from '@kefu/schemas/api';
import '../settings/settings.css';
import './kb.css';
import { PagedList } from '../shared/paged-list';
import { EditableListPage, useEditing } from '../shared/editable-list-page';
import { useRowActions } from '../shared/row-actions';
import { usePaged } from '../shared/use-paged';
import { ArticleForm, LOCALES } from './article-form';
import { kbApi, KB_PAGE_SIZE, type KbApi, type KbFilter } from './kb-api';
import { KbImport } from './kb-import';
import { useKbWords } from './words';

/**
 * The owner's knowledge base: find articles (words, enabled, language), write and change them,
 * switch them on and off, delete them, and bring them in or out as files.
 */
export function KbPage({ api = kbApi }: { api?: KbApi }) {
  const { t, lang } = useKbWords();
  const [filter, setFilter] = useState<KbFilter>({});
  const form = useEditing<KbArticleWire>();
  // A switch shows its new position at once, until the reloaded list says the same (or it failed).
  const [switching, setSwitching] = useState<Record<string, boolean>>({});
  const paged = usePaged((cursor) => api.list(filter, cursor), JSON.stringify(filter), KB_PAGE_SIZE);
  const filtered = Boolean(filter.q || filter.enabled !== undefined || filter.locale);
  const when = (iso: string) => new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en');

  const { error, act } = useRowActions(paged.reload);
  useEffect(
    () =>
      setSwitching((all) => {
        const left = Object.entries(all).filter(
          ([id, on]) => paged.items.find((a) => a.id === id)?.enabled !== on,
        );
        return left.length === Object.keys(all).length ? all : Object.fromEntries(left);
      }),
    [paged.items],
  );
  const switchArticle = (article: KbArticleWire, enabled: boolean) => {
    setSwitching((all) => ({ ...all, [article.id]: enabled }));
    void act(async () => {
      try {
        await api.update(article.id, { enabled });
      } catch (err) {
        setSwitching(({ [article.id]: _dropped, ...rest }) => rest);
        throw err;
      }
    });
  };
  const saved = () => {
    form.close();
    paged.reload();
  };

  return (
    <EditableListPage
      id="kb-title"
      className="kb-page"
      title={t('title')}
      intro={t('intro')}
      tools={
        <div className="kb-filters" role="search">
          <input
            type="search"
            aria-label={t('search')}
            placeholder={t('search')}
            value={filter.q ?? ''}
            onChange={(e) => setFilter({ ...filter, q: e.target.value || undefined })}
          />
          <label>
            {t('show')}{' '}
            <select
              value={filter.enabled === undefined ? '' : String(filter.enabled)}
              onChange={(e) =>
                setFilter({
                  ...filter,
                  enabled: e.target.value === '' ? undefined : e.target.value === 'true',
                })
              }
            >
              <option value="">{t('all')}</option>
              <option value="true">{t('enabledOnly')}</option>
              <option value="false">{t('disabledOnly')}</option>
            </select>
          </label>
          <label>
            {t('articleLanguage')}{' '}
            <select
              value={filter.locale ?? ''}
              onChange={(e) => setFilter({ ...filter, locale: e.target.value || undefined })}
            >
              <option value="">{t('anyLanguage')}</option>
              {LOCALES.map((l) => (
                <option key={l} value={l}>
                  {l === 'zh-CN' ? t('localeZh') : t('localeEn')}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={form.startNew} disabled={form.editing?.kind === 'new'}>
            {t('newArticle')}
          </button>
        </div>
      }
      form={
        form.editing && (
          <ArticleForm
            key={form.formKey}
            article={form.item}
            save={(body) => (form.item ? api.update(form.item.id, body) : api.create(body))}
            onDone={saved}
          />
        )
      }
      actionFailed={{ lead: t('actionFailed'), error }}
    >
      <PagedList
        paged={paged}
        words={{ loading: t('loading'), failed: t('failed'), retry: t('retry') }}
        empty={<p className="muted">{filtered ? t('noMatch') : t('none')}</p>}
        label={t('articles')}
      >
        {(items) => (
          <table className="list-table" aria-label={t('articles')}>
            <thead>
              <tr>
                <th>{t('question')}</th>
                <th>{t('language')}</th>
                <th>{t('enabled')}</th>
                <th>{t('updated')}</th>
                <th>{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id}>
                  <td>
                    <div>{a.question}</div>
                    {a.phrasings.length > 0 && <div className="muted small">{a.phrasings.join(' · ')}</div>}
                  </td>
                  <td>
                    {a.locale === 'zh-CN' ? t('localeZh') : a.locale === 'en' ? t('localeEn') : a.locale}
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${t('enabled')}: ${a.question}`}
                      checked={switching[a.id] ?? a.enabled}
                      onChange={(e) => switchArticle(a, e.target.checked)}
                    />
                  </td>
                  <td className="small">{when(a.updatedAt)}</td>
                  <td className="list-row-actions">
                    <button
                      type="button"
                      aria-label={`${t('edit')}: ${a.question}`}
                      onClick={() => form.edit(a)}
                    >
                      {t('edit')}
                    </button>
                    <button
                      type="button"
                      aria-label={`${t('delete')}: ${a.question}`}
                      onClick={() => {
                        if (window.confirm(t('confirmDelete'))) void act(() => api.remove(a.id));
                      }}
                    >
                      {t('delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </PagedList>
      <KbImport api={api} onImported={paged.reload} />
    </EditableListPage>
  );
}
