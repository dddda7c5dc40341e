import { useState, type FormEvent } from 'react';
import { RETENTION_DAYS_MAX, RETENTION_DAYS_MIN, type RetentionSettings } from '@kefu/schemas/api';
import { ApiError } from '../shared/http';
import { LoadState } from '../shared/load-state';
import { useLoad } from '../shared/use-load';
import { makeUseWords } from '../shared/use-words';
import './settings.css';
import { retentionApi, type RetentionApi } from './retention-api';

const useWords = makeUseWords({
  title: { en: 'Data retention', zh: '数据保留' },
  intro: {
    en: 'Closed conversations (with their messages, notes and ratings), solved and closed tickets and finished flow runs older than this are deleted every night. Contacts and analytics figures stay.',
    zh: '早于此期限的已结束会话（含消息、备注和评分）、已解决和已关闭的工单以及已结束的流程运行记录会在每晚删除。联系人和分析数据会保留。',
  },
  keep: { en: 'Keep history', zh: '保留历史' },
  forever: { en: 'Forever', zh: '永久保留' },
  limited: { en: 'For a number of days', zh: '保留指定天数' },
  days: { en: 'Days to keep', zh: '保留天数' },
  range: {
    en: `${RETENTION_DAYS_MIN} days to 10 years (${RETENTION_DAYS_MAX} days).`,
    zh: `${RETENTION_DAYS_MIN} 天至 10 年（${RETENTION_DAYS_MAX} 天）。`,
  },
  save: { en: 'Save retention', zh: '保存保留期限' },
  saving: { en: 'Saving…', zh: '保存中…' },
  saved: { en: 'Saved.', zh: '已保存。' },
  loading: { en: 'Loading…', zh: '加载中…' },
  failed: { en: 'Could not load.', zh: '加载失败。' },
  retry: { en: 'Retry', zh: '重试' },
  saveFailed: { en: 'Not saved:', zh: '未保存：' },
  outOfRange: {
    en: `the days must be a whole number from ${RETENTION_DAYS_MIN} to ${RETENTION_DAYS_MAX}.`,
    zh: `天数必须是 ${RETENTION_DAYS_MIN} 到 ${RETENTION_DAYS_MAX} 之间的整数。`,
  },
});

/** Settings: how long the workspace keeps customer history (PUT /workspace/retention, docs/privacy.md). */
export function RetentionSettingsSection({ api = retentionApi }: { api?: RetentionApi }) {
  const { t } = useWords();
  const loaded = useLoad(() => api.get(), 'retention');
  return (
    <section className="settings-page" aria-labelledby="retention-settings-title">
      <h1 id="retention-settings-title">{t('title')}</h1>
      <p>{t('intro')}</p>
      <LoadState loaded={loaded} words={{ loading: t('loading'), failed: t('failed'), retry: t('retry') }}>
        {(settings) => <RetentionForm initial={settings} api={api} />}
      </LoadState>
    </section>
  );
}

function RetentionForm({ initial, api }: { initial: RetentionSettings; api: RetentionApi }) {
  const { t } = useWords();
  const [forever, setForever] = useState(initial.days === null);
  const [days, setDays] = useState(String(initial.days ?? 365));
  const [status, setStatus] = useState<'saving' | 'saved' | { error: string } | null>(null);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setStatus('saving');
    try {
      const saved = await api.save({ days: forever ? null : Number(days) });
      setForever(saved.days === null);
      if (saved.days !== null) setDays(String(saved.days));
      setStatus('saved');
    } catch (err) {
      const text =
        err instanceof ApiError && err.field === 'body/days'
          ? t('outOfRange')
          : err instanceof Error
            ? err.message
            : String(err);
      setStatus({ error: text });
    }
  };

  // noValidate: the API's refusal names the field, and is shown in the page's language.
  return (
    <form onSubmit={(e) => void save(e)} className="retention-form" noValidate>
      <fieldset>
        <legend>{t('keep')}</legend>
        <label>
          <input
            type="radio"
            name="retention"
            checked={forever}
            onChange={() => {
              setForever(true);
              setStatus(null);
            }}
          />{' '}
          {t('forever')}
        </label>
        <label>
          <input
            type="radio"
            name="retention"
            checked={!forever}
            onChange={() => {
              setForever(false);
              setStatus(null);
            }}
          />{' '}
          {t('limited')}
        </label>
      </fieldset>
      {!forever && (
        <label className="settings-field">
          {t('days')}
          <input
            type="number"
            min={RETENTION_DAYS_MIN}
            max={RETENTION_DAYS_MAX}
            step={1}
            value={days}
            onChange={(e) => {
              setDays(e.target.value);
              setStatus(null);
            }}
          />
          <span className="muted">{t('range')}</span>
        </label>
      )}
      <div className="settings-actions">
        <button type="submit" disabled={status === 'saving'}>
          {status === 'saving' ? t('saving') : t('save')}
        </button>
        {status === 'saved' && <span role="status">{t('saved')}</span>}
        {status !== null && typeof status === 'object' && (
          <span role="alert" className="error">
            {t('saveFailed')} {status.error}
          </span>
        )}
      </div>
    </form>
  );
}
