import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../shared/http';
import { LoadState } from '../shared/load-state';
import { useLoad } from '../shared/use-load';
import { makeUseWords } from '../shared/use-words';
import { widgetChannelApi, type WidgetChannelApi } from './channels-api';

const useWords = makeUseWords({
  title: { en: 'Sites that may show the chat', zh: '允许显示聊天的网站' },
  intro: {
    en: 'One site per line, like https://shop.example.com. Other sites cannot show your chat. Leave empty to allow any site.',
    zh: '每行一个网站，例如 https://shop.example.com。其他网站无法显示您的聊天。留空则允许任何网站。',
  },
  label: { en: 'Allowed sites', zh: '允许的网站' },
  save: { en: 'Save sites', zh: '保存网站' },
  saved: { en: 'Saved.', zh: '已保存。' },
  anySite: { en: 'Any site may show the chat.', zh: '任何网站都可以显示聊天。' },
  loading: { en: 'Loading…', zh: '加载中…' },
  failed: { en: 'Could not load.', zh: '加载失败。' },
  retry: { en: 'Retry', zh: '重试' },
  notSite: {
    en: 'is not a site: write the scheme and host only, like https://shop.example.com',
    zh: '不是网站地址：只写协议和域名，例如 https://shop.example.com',
  },
  saveFailed: { en: 'Could not save:', zh: '保存失败：' },
});

/** Checked here so the owner sees which line is wrong; the API checks it again (siteOriginSchema). */
const SITE = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i;

/** Widget settings: the sites allowed to embed the chat (PUT /channels/widget). */
export function WidgetSites({ api = widgetChannelApi }: { api?: WidgetChannelApi }) {
  const { t } = useWords();
  const loaded = useLoad(() => api.widget(), 'widget');
  const [text, setText] = useState('');
  const [status, setStatus] = useState<{ kind: 'saved' } | { kind: 'error'; message: string } | null>(null);
  useEffect(() => {
    if (loaded.state === 'ready') setText(loaded.data.allowedOrigins.join('\n'));
  }, [loaded.state, loaded.data]);

  const save = (e: FormEvent) => {
    e.preventDefault();
    const sites = text
      .split('\n')
      .map((line) => line.trim().replace(/\/$/, ''))
      .filter(Boolean);
    const bad = sites.find((site) => !SITE.test(site));
    if (bad) return setStatus({ kind: 'error', message: `${bad} ${t('notSite')}` });
    setStatus(null);
    api.setWidgetOrigins(sites).then(
      (saved) => {
        setText(saved.allowedOrigins.join('\n'));
        setStatus({ kind: 'saved' });
      },
      (err: unknown) =>
        setStatus({
          kind: 'error',
          message: `${t('saveFailed')} ${err instanceof ApiError ? err.message : String(err)}`,
        }),
    );
  };

  return (
    <form onSubmit={save} aria-labelledby="widget-sites-title">
      <h2 id="widget-sites-title">{t('title')}</h2>
      <p className="muted small">{t('intro')}</p>
      <LoadState loaded={loaded} words={{ loading: t('loading'), failed: t('failed'), retry: t('retry') }}>
        {() => (
          <>
            <label className="settings-field">
              {t('label')}
              <textarea
                rows={3}
                value={text}
                placeholder="https://shop.example.com"
                onChange={(e) => setText(e.target.value)}
                spellCheck={false}
              />
            </label>
            <div className="settings-actions">
              <button type="submit">{t('save')}</button>
              {status?.kind === 'saved' && (
                <span role="status">{text.trim() ? t('saved') : `${t('saved')} ${t('anySite')}`}</span>
              )}
              {status?.kind === 'error' && (
                <span role="alert" className="error">
                  {status.message}
                </span>
              )}
            </div>
          </>
        )}
      </LoadState>
    </form>
  );
}
