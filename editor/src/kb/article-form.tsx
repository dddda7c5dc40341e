import { useState, type FormEvent } from 'react';
import type { KbArticleBody, KbArticleWire } from '@kefu/schemas/api';
import { formError } from '../shared/field-error';
import { Field, fieldNotes } from '../shared/field-notes';
import { useKbWords } from './words';
import { ActionFailed } from '../shared/row-actions';

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
  const notes = fieldNotes(error, 'kb');
  const general = formError(error, FIELDS);
  const locales: readonly string[] = LOCALES.includes(locale as 'en') ? LOCALES : [...LOCALES, locale];

  return (
    <form
      className="list-form"
      aria-label={article ? t('editing') : t('creating')}
      onSubmit={(e) => void submit(e)}
    >
      <h2>{article ? t('editing') : t('creating')}</h2>
      <ActionFailed lead={t('actionFailed')} error={general} />
      <Field label={t('question')} note={notes.note('question')}>
        <input
          value={question}
          onChange={(e) => setQuestion(e.target.value)}
          required
          maxLength={500}
          {...notes.invalid('question')}
        />
      </Field>
      <Field label={t('phrasings')} note={notes.note('phrasings')}>
        <textarea
          rows={3}
          value={phrasings}
          onChange={(e) => setPhrasings(e.target.value)}
          {...notes.invalid('phrasings')}
        />
      </Field>
      <Field label={t('answer')} note={notes.note('answer')}>
        <textarea
          rows={4}
          value={answer}
          onChange={(e) => setAnswer(e.target.value)}
          required
          {...notes.invalid('answer')}
        />
      </Field>
      <div className="list-form-row kb-form-row">
        <Field label={t('language')} note={notes.note('locale')}>
          <select value={locale} onChange={(e) => setLocale(e.target.value)} {...notes.invalid('locale')}>
            {locales.map((l) => (
              <option key={l} value={l}>
                {l === 'zh-CN' ? t('localeZh') : l === 'en' ? t('localeEn') : l}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('tags')} note={notes.note('tags')}>
          <input value={tags} onChange={(e) => setTags(e.target.value)} {...notes.invalid('tags')} />
        </Field>
        <label className="list-check">
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
