import { useState } from 'react';
import { useMe } from '../console/session';
import { makeUseWords } from '../shared/use-words';
import { WidgetSites } from './widget-sites';
import './settings.css';

const useWords = makeUseWords({
  title: { en: 'Chat widget', zh: '聊天挂件' },
  intro: {
    en: 'Paste this line into your website, just before </body>. It adds a chat bubble that opens your chat.',
    zh: '把这行代码粘贴到您网站的 </body> 之前，页面右下角会出现聊天按钮。',
  },
  snippet: { en: 'Widget code for your website', zh: '网站挂件代码' },
  language: { en: 'Chat language', zh: '聊天语言' },
  auto: { en: "Visitor's browser language", zh: '跟随访客浏览器' },
  english: { en: 'English', zh: '英文' },
  chinese: { en: 'Chinese', zh: '中文' },
  copy: { en: 'Copy code', zh: '复制代码' },
  copied: { en: 'Copied.', zh: '已复制。' },
  copyFailed: {
    en: 'Could not copy; select the code and copy it yourself.',
    zh: '复制失败，请手动选择并复制代码。',
  },
  preview: { en: 'Open the chat as your customers see it →', zh: '以客户视角打开聊天 →' },
  publicKey: { en: 'Workspace key', zh: '工作区标识' },
});

/** The one line of code that puts this workspace's chat on a shop's site. */
export function widgetSnippet(origin: string, publicKey: string, lang?: 'en' | 'zh'): string {
  const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<script src="${attr(origin)}/widget.js" data-workspace="${attr(publicKey)}"${lang ? ` data-lang="${lang}"` : ''} async></script>`;
}

/** Settings: the workspace's widget snippet to copy, with the chat's language, and the sites allowed to show it. */
export function WidgetSettings({ origin = location.origin }: { origin?: string }) {
  const { t } = useWords();
  const { workspace } = useMe();
  const [lang, setLang] = useState<'' | 'en' | 'zh'>('');
  const [copied, setCopied] = useState<'idle' | 'done' | 'failed'>('idle');
  const code = widgetSnippet(origin, workspace.publicKey, lang || undefined);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied('done');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <section className="settings-page" aria-labelledby="widget-settings-title">
      <h1 id="widget-settings-title">{t('title')}</h1>
      <p>{t('intro')}</p>
      <p className="muted small">
        {t('publicKey')}: <code>{workspace.publicKey}</code>
      </p>
      <label className="settings-field">
        {t('language')}
        <select value={lang} onChange={(e) => setLang(e.target.value as '' | 'en' | 'zh')}>
          <option value="">{t('auto')}</option>
          <option value="en">{t('english')}</option>
          <option value="zh">{t('chinese')}</option>
        </select>
      </label>
      <label className="settings-field">
        {t('snippet')}
        <textarea
          readOnly
          rows={3}
          value={code}
          onFocus={(e) => e.currentTarget.select()}
          spellCheck={false}
        />
      </label>
      <div className="settings-actions">
        <button type="button" onClick={() => void copy()}>
          {t('copy')}
        </button>
        {copied === 'done' && <span role="status">{t('copied')}</span>}
        {copied === 'failed' && (
          <span role="alert" className="error">
            {t('copyFailed')}
          </span>
        )}
      </div>
      <p>
        <a
          href={`/chat/?workspace=${encodeURIComponent(workspace.publicKey)}`}
          target="_blank"
          rel="noreferrer"
        >
          {t('preview')}
        </a>
      </p>
      <WidgetSites />
    </section>
  );
}
