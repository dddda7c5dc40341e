import { useState, type FormEvent } from 'react';
import {
  SENSITIVE_ACTIONS,
  type SensitiveAction,
  type SensitiveScreening,
  type SensitiveWords,
} from '@kefu/schemas/api';
import { ApiError } from '../shared/http';
import { LoadState } from '../shared/load-state';
import { useLoad } from '../shared/use-load';
import { makeUseWords } from '../shared/use-words';
import './staff-settings.css';
import { sensitiveWordsApi, type SensitiveWordsApi } from './sensitive-words-api';

const useWords = makeUseWords({
  title: { en: 'Sensitive words', zh: '敏感词' },
  intro: {
    en: 'Checked in every customer message and agent reply, on every channel, also when letters are spaced out, full-width or split by symbols. A flow condition can ask whether a message holds a word of a category.',
    zh: '所有渠道的客户消息和客服回复都会检查，字母加空格、全角字母或中间夹符号也能识别。流程条件可以判断消息是否含有某类敏感词。',
  },
  category: { en: 'Category', zh: '类别' },
  name: { en: 'Name', zh: '名称' },
  key: { en: 'Key (used by flow conditions)', zh: '标识（流程条件使用）' },
  action: { en: 'When found', zh: '发现时' },
  mask: { en: 'Mask the word (＊)', zh: '用＊遮住' },
  block: { en: 'Block the message', zh: '拦截消息' },
  flag: { en: 'Keep it, mark it', zh: '保留并标记' },
  words: { en: 'Words (one per line or separated by commas)', zh: '词语（每行一个，或用逗号分隔）' },
  addCategory: { en: 'Add category', zh: '添加类别' },
  remove: { en: 'Remove category', zh: '删除类别' },
  none: { en: 'No sensitive words yet.', zh: '还没有敏感词。' },
  save: { en: 'Save sensitive words', zh: '保存敏感词' },
  saved: { en: 'Saved.', zh: '已保存。' },
  saveFailed: { en: 'Not saved:', zh: '未保存：' },
  keyTwice: { en: 'this key is used by another category.', zh: '此标识已被其他类别使用。' },
  badKey: {
    en: 'a key is lower-case letters, digits and dashes, starting with a letter.',
    zh: '标识由小写字母、数字和短横线组成，以字母开头。',
  },
  noLetters: { en: 'a word needs a letter or a digit.', zh: '词语需要包含文字或数字。' },
  tryIt: { en: 'Try a message', zh: '试一条消息' },
  check: { en: 'Check', zh: '检查' },
  checkNote: { en: 'Uses the saved list.', zh: '使用已保存的列表。' },
  storedAs: { en: 'Stored as', zh: '保存为' },
  blocked: { en: 'Blocked', zh: '被拦截' },
  found: { en: 'Found', zh: '发现' },
  clean: { en: 'Nothing found.', zh: '未发现敏感词。' },
  loading: { en: 'Loading…', zh: '加载中…' },
  failed: { en: 'Could not load.', zh: '加载失败。' },
  retry: { en: 'Retry', zh: '重试' },
});
type T = ReturnType<typeof useWords>['t'];

/** A category as edited: its words as the text the owner types. */
interface Draft {
  key: string;
  name: string;
  action: SensitiveAction;
  words: string;
}

const toDrafts = (list: SensitiveWords): Draft[] =>
  list.categories.map((c) => ({
    key: c.key,
    name: c.name,
    action: c.action,
    words: list.words
      .filter((w) => w.category === c.key)
      .map((w) => w.text)
      .join('\n'),
  }));

const wordsOf = (text: string) =>
  text
    .split(/[\n,，、]/)
    .map((w) => w.trim())
    .filter(Boolean);

/** The list to save, and for each word which category draft it came from (to place a refusal). */
function toList(drafts: Draft[]): { list: SensitiveWords; from: number[] } {
  const from: number[] = [];
  const words = drafts.flatMap((d, i) =>
    wordsOf(d.words).map((text) => {
      from.push(i);
      return { text, category: d.key };
    }),
  );
  return {
    list: { categories: drafts.map(({ key, name, action }) => ({ key, name, action })), words },
    from,
  };
}

/** The API's refusal in the page's language, placed on the category it is about. */
function refusal(err: unknown, drafts: Draft[], from: number[], t: T): { at: number | null; text: string } {
  if (!(err instanceof ApiError)) return { at: null, text: String(err) };
  const category = /^body\/categories\/(\d+)\/(\w+)/.exec(err.field ?? '');
  if (category) {
    const at = Number(category[1]);
    const text =
      category[2] === 'key'
        ? err.status === 400 && /twice/.test(err.message)
          ? t('keyTwice')
          : t('badKey')
        : err.message;
    return { at, text: `${drafts[at]?.name ?? ''}: ${text}` };
  }
  const word = /^body\/words\/(\d+)\/text/.exec(err.field ?? '');
  if (word) {
    const at = from[Number(word[1])] ?? null;
    return { at, text: `${at !== null ? drafts[at]?.name : ''}: ${t('noLetters')}` };
  }
  return { at: null, text: err.message };
}

/** Settings: the owner's sensitive words by category (docs/sensitive-words.md). */
export function SensitiveWordsSettings({ api = sensitiveWordsApi }: { api?: SensitiveWordsApi }) {
  const { t } = useWords();
  const loaded = useLoad(() => api.list(), 'sensitive-words');
  return (
    <section className="settings-page" aria-labelledby="sensitive-words-title">
      <h1 id="sensitive-words-title">{t('title')}</h1>
      <p>{t('intro')}</p>
      <LoadState loaded={loaded} words={{ loading: t('loading'), failed: t('failed'), retry: t('retry') }}>
        {(list) => (
          <>
            <WordsForm initial={list} api={api} />
            <TryMessage api={api} />
          </>
        )}
      </LoadState>
    </section>
  );
}

function WordsForm({ initial, api }: { initial: SensitiveWords; api: SensitiveWordsApi }) {
  const { t } = useWords();
  const [drafts, setDrafts] = useState(() => toDrafts(initial));
  const [status, setStatus] = useState<
    { kind: 'saved' } | { kind: 'error'; at: number | null; text: string } | null
  >(null);
  const [saving, setSaving] = useState(false);

  const edit = (index: number, change: Partial<Draft>) => {
    setStatus(null);
    setDrafts((all) => all.map((d, i) => (i === index ? { ...d, ...change } : d)));
  };
  const add = () => {
    setStatus(null);
    const used = new Set(drafts.map((d) => d.key));
    let n = drafts.length + 1;
    while (used.has(`category-${n}`)) n++;
    setDrafts((all) => [
      ...all,
      { key: `category-${n}`, name: `${t('category')} ${n}`, action: 'mask', words: '' },
    ]);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const { list, from } = toList(drafts);
    setSaving(true);
    try {
      setDrafts(toDrafts(await api.save(list)));
      setStatus({ kind: 'saved' });
    } catch (err) {
      setStatus({ kind: 'error', ...refusal(err, drafts, from, t) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={(e) => void save(e)} className="sensitive-form">
      {drafts.length === 0 && <p className="muted">{t('none')}</p>}
      {drafts.map((d, i) => (
        <fieldset
          key={i}
          className="sensitive-category"
          aria-invalid={status?.kind === 'error' && status.at === i}
        >
          <legend>
            {t('category')}: {d.name}
          </legend>
          <label className="settings-field">
            {t('name')}
            <input value={d.name} maxLength={60} onChange={(e) => edit(i, { name: e.target.value })} />
          </label>
          <label className="settings-field">
            {t('key')}
            <input
              value={d.key}
              maxLength={32}
              onChange={(e) => edit(i, { key: e.target.value.toLowerCase() })}
            />
          </label>
          <label className="settings-field">
            {t('action')}
            <select value={d.action} onChange={(e) => edit(i, { action: e.target.value as SensitiveAction })}>
              {SENSITIVE_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {t(a)}
                </option>
              ))}
            </select>
          </label>
          <label className="settings-field sensitive-words-field">
            {t('words')}
            <textarea rows={4} value={d.words} onChange={(e) => edit(i, { words: e.target.value })} />
          </label>
          <button
            type="button"
            aria-label={`${t('remove')}: ${d.name}`}
            onClick={() => {
              setStatus(null);
              setDrafts((all) => all.filter((_, j) => j !== i));
            }}
          >
            {t('remove')}
          </button>
        </fieldset>
      ))}
      <div className="settings-actions">
        <button type="button" onClick={add} disabled={drafts.length >= 20}>
          {t('addCategory')}
        </button>
        <button type="submit" className="primary" disabled={saving}>
          {t('save')}
        </button>
        {status?.kind === 'saved' && (
          <span role="status" className="muted">
            {t('saved')}
          </span>
        )}
        {status?.kind === 'error' && (
          <span role="alert" className="error">
            {t('saveFailed')} {status.text}
          </span>
        )}
      </div>
    </form>
  );
}

function TryMessage({ api }: { api: SensitiveWordsApi }) {
  const { t } = useWords();
  const [text, setText] = useState('');
  const [result, setResult] = useState<SensitiveScreening | string | null>(null);
  const check = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    try {
      setResult(await api.check(text));
    } catch (err) {
      setResult(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <form onSubmit={(e) => void check(e)} className="sensitive-try">
      <h2>{t('tryIt')}</h2>
      <div className="settings-actions">
        <input
          aria-label={t('tryIt')}
          value={text}
          maxLength={4000}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" disabled={!text.trim()}>
          {t('check')}
        </button>
        <span className="muted small">{t('checkNote')}</span>
      </div>
      {typeof result === 'string' && (
        <p role="alert" className="error">
          {result}
        </p>
      )}
      {result && typeof result !== 'string' && (
        <dl className="sensitive-result" aria-label={t('tryIt')}>
          {result.categories.length === 0 ? (
            <dd>{t('clean')}</dd>
          ) : (
            <>
              <dt>{t('found')}</dt>
              <dd>{result.hits.map((h) => `${h.word} (${h.category})`).join(', ')}</dd>
              {result.blocked ? (
                <>
                  <dt>{t('blocked')}</dt>
                  <dd>{result.blocked}</dd>
                </>
              ) : (
                <>
                  <dt>{t('storedAs')}</dt>
                  <dd>{result.text}</dd>
                </>
              )}
            </>
          )}
        </dl>
      )}
    </form>
  );
}
