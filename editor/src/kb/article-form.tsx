import { useState, type FormEvent } from 'react';
import type { KbArticleBody, KbArticleWire } from '@kefu/schemas/api';
import { fieldError, formError } from '../shared/field-error';
import { useKbWords } from './words';

const FIELDS = ['question', 'phrasings', 'answer', 'tags', 'locale', 'enabled'] as const;
export const LOCALES = ['zh-CN', 'en'] as const;

/**
 * Create or edit one article. `save` throws the API's refusal; the message shows next to the field
 * it names (a taken question under the question), anything else above the form.
 */
export function ArticleForm({
  article,
  save,
  onDone,
}: {
  article?: KbArticleWire;
  save(body: KbArticleBody): Promise<unknown>;
  onDone(): void;
}) {
  const { t } = useKbWords();
  const [question, setQuestion] = useState(article?.question ?? '');
  const [phrasings, setPhrasings] = useState(article?.phrasings.join('\n') ?? '');
  const [answer, setAnswer] = useState(article?.answer ?? '');
  const [tags, setTags] = useState(article?.tags.join(', ') ?? '');
  const [locale, setLocale] = useState(article?.locale ?? 'zh-CN');
  const [enabled, setEnabled] = useState(article?.enabled ?? true);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await save({
        question: question.trim(),
        phrasings: lines(phrasings, '\n'),
        answer: answer.trim(),
        tags: lines(tags, ','),
        locale,
        enabled,
      });
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const problem = (path: (typeof FIELDS)[number]) => {
    const message = fieldError(error, path);
    return message ? (
      <span className="field-error" role="alert" id={`kb-${path}-error`}>
        {message}
      </span>
    ) : null;
  };
  const described = (path: (typeof FIELDS)[number]) =>
    fieldError(error, path) ? { 'aria-invalid': true, 'aria-describedby': `kb-${path}-error` } : {};
  const general = formError(error, FIELDS);
  const locales: readonly string[] = LOCALES.includes(locale as 'en') ? LOCALES : [...LOCALES, locale];

  return (
    <form
      className="kb-form"
      aria-label={article ? t('editing') : t('creating')}
      onSubmit={(e) => void submit(e)}
    >
      <h2>{article ? t('editing') : t('creating')}</h2>
      {general && (
        <p role="alert" className="error">
          {t('actionFailed')} {general}
        </p>
      )}
      <label className="settings-field">
        {t('question')}
        <input
          value={question}
          onChange={(e) => setQuestion(e.target.value)}
          required
          maxLength={500}
          {...described('question')}
        />
        {problem('question')}
      </label>
      <label className="settings-field">
        {t('phrasings')}
        <textarea
          rows={3}
          value={phrasings}
          onChange={(e) => setPhrasings(e.target.value)}
          {...described('phrasings')}
        />
        {problem('phrasings')}
      </label>
      <label className="settings-field">
        {t('answer')}
        <textarea
          rows={4}
          value={answer}
          onChange={(e) => setAnswer(e.target.value)}
          required
          {...described('answer')}
        />
        {problem('answer')}
      </label>
      <div className="kb-form-row">
        <label className="settings-field">
          {t('language')}
          <select value={locale} onChange={(e) => setLocale(e.target.value)} {...described('locale')}>
            {locales.map((l) => (
              <option key={l} value={l}>
                {l === 'zh-CN' ? t('localeZh') : l === 'en' ? t('localeEn') : l}
              </option>
            ))}
          </select>
          {problem('locale')}
        </label>
        <label className="settings-field">
          {t('tags')}
          <input value={tags} onChange={(e) => setTags(e.target.value)} {...described('tags')} />
          {problem('tags')}
        </label>
        <label className="kb-check">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          {t('enabled')}
        </label>
      </div>
      <div className="settings-actions">
        <button type="submit" disabled={busy}>
          {busy ? t('saving') : t('save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

const lines = (text: string, separator: string) =>
  text
    .split(separator)
    .map((s) => s.trim())
    .filter(Boolean);
