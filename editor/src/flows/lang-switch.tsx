import { useLang, useT } from './i18n';

export function LangSwitch() {
  const { t, lang } = useT();
  return (
    <select
      className="lang"
      aria-label={t('language')}
      value={lang}
      onChange={(e) => useLang.getState().setLang(e.target.value as 'en' | 'zh')}
    >
      <option value="en">English</option>
      <option value="zh">中文</option>
    </select>
  );
}
