import { useState, type FormEvent } from 'react';
import type { AlertSettings } from '@kefu/schemas/api';
import { fieldError, formError } from '../shared/field-error';
import { LoadState } from '../shared/load-state';
import { useLoad } from '../shared/use-load';
import { RULE_WORD } from './alert-names';
import { operationsApi, type OperationsApi } from './operations-api';
import { useOperationsWords } from './words';
import './operations.css';

type Rules = AlertSettings['rules'];
/** The one number each rule with a threshold has, and its words. */
const THRESHOLDS = [
  ['noAgentOnline', 'minWaiting', 'minWaiting', 1],
  ['slaBreachRate', 'maxPercent', 'maxSlaPercent', 1],
  ['csatDrop', 'minAverage', 'minAverage', 0.1],
  ['errorRate', 'maxPercent', 'maxErrorPercent', 0.1],
] as const;
const FIELDS = ['emailOwners', 'webhookUrl', 'rules'] as const;

/** Settings: the owners' alert rules and where notices go (PUT /operations/alert-rules). */
export function AlertRulesSettings({ api = operationsApi }: { api?: OperationsApi }) {
  const { t } = useOperationsWords();
  const loaded = useLoad(() => api.rules(), 'alert-rules');
  return (
    <section className="settings-page" aria-labelledby="alert-rules-title">
      <h1 id="alert-rules-title">{t('rulesTitle')}</h1>
      <p>{t('rulesIntro')}</p>
      <LoadState loaded={loaded} words={{ loading: t('loading'), failed: t('failed'), retry: t('retry') }}>
        {(settings) => <RulesForm initial={settings} api={api} />}
      </LoadState>
    </section>
  );
}

function RulesForm({ initial, api }: { initial: AlertSettings; api: OperationsApi }) {
  const { t } = useOperationsWords();
  const [settings, setSettings] = useState(initial);
  const [webhook, setWebhook] = useState(initial.webhookUrl ?? '');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);
  const setRule = <K extends keyof Rules>(key: K, change: Partial<Rules[K]>) => {
    setSaved(false);
    setSettings((s) => ({ ...s, rules: { ...s.rules, [key]: { ...s.rules[key], ...change } } }));
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const body = { ...settings, webhookUrl: webhook.trim() === '' ? null : webhook.trim() };
      setSettings(await api.saveRules(body));
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  const general = formError(error, FIELDS);
  return (
    <form className="alert-rules" onSubmit={(e) => void save(e)}>
      {(Object.keys(RULE_WORD) as (keyof Rules)[]).map((key) => {
        const threshold = THRESHOLDS.find(([rule]) => rule === key);
        const problem = fieldError(error, `rules/${key}`);
        return (
          <fieldset key={key}>
            <legend>{t(RULE_WORD[key])}</legend>
            <label>
              <input
                type="checkbox"
                checked={settings.rules[key].enabled}
                onChange={(e) => setRule(key, { enabled: e.target.checked })}
              />{' '}
              {t('on')}
            </label>
            {threshold ? (
              <label className="alert-threshold">
                {t(threshold[2])}{' '}
                <input
                  type="number"
                  step={threshold[3]}
                  value={(settings.rules[key] as Record<string, number | boolean>)[threshold[1]] as number}
                  aria-invalid={problem ? true : undefined}
                  onChange={(e) =>
                    setRule(key, { [threshold[1]]: e.target.valueAsNumber } as Partial<Rules[typeof key]>)
                  }
                />
              </label>
            ) : (
              <span className="muted small alert-threshold">{t('workerHint')}</span>
            )}
            {problem && (
              <p className="field-error" role="alert">
                {problem}
              </p>
            )}
          </fieldset>
        );
      })}
      <label className="settings-field">
        <span>
          <input
            type="checkbox"
            checked={settings.emailOwners}
            onChange={(e) => {
              setSaved(false);
              setSettings((s) => ({ ...s, emailOwners: e.target.checked }));
            }}
          />{' '}
          {t('emailOwners')}
        </span>
      </label>
      <label className="settings-field">
        {t('webhookUrl')}
        <input
          type="url"
          value={webhook}
          placeholder="https://example.com/kefu-alerts"
          aria-invalid={fieldError(error, 'webhookUrl') ? true : undefined}
          onChange={(e) => {
            setSaved(false);
            setWebhook(e.target.value);
          }}
        />
      </label>
      {fieldError(error, 'webhookUrl') && (
        <p className="field-error" role="alert">
          {fieldError(error, 'webhookUrl')}
        </p>
      )}
      {general && (
        <p className="field-error" role="alert">
          {t('saveFailed')} {general}
        </p>
      )}
      <button type="submit" className="primary" disabled={saving}>
        {t('save')}
      </button>{' '}
      {saved && <span role="status">{t('saved')}</span>}
    </form>
  );
}
