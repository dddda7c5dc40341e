import { useState } from 'react';
import {
  SCORE_KPIS,
  SCORE_KPI_NAMES,
  scoreSettingsProblem,
  type ScoreKpiName,
  type ScoreSettings,
} from '@kefu/schemas/api';
import { ApiError } from '../../shared/http';
import { LoadState } from '../../shared/load-state';
import { useLoad } from '../../shared/use-load';
import { scoreApi, type ScoreApi } from './score-api';
import { fromEdited, showKpiValue, toEdited } from './score-format';
import { useScoreWords, type ScoreWord } from './words';

/** One row as edited: numbers as typed, shares in percent. */
interface Row {
  kpi: ScoreKpiName;
  weight: string;
  target: string;
}

/**
 * The score's KPIs, weights and targets. Owners edit them; everyone else who reads analytics sees
 * them read-only. Weights must sum to 100 (checked here with the API's own check, and by the API).
 */
export function ScoreSettingsEditor({
  canEdit,
  api = scoreApi,
  onSaved,
}: {
  canEdit: boolean;
  api?: ScoreApi;
  onSaved?(settings: ScoreSettings): void;
}) {
  const { t } = useScoreWords();
  const loaded = useLoad(() => api.settings(), 'score-settings');
  return (
    <section className="score-settings" aria-label={t('settings')}>
      <h2>{t('settings')}</h2>
      <p className="muted">{canEdit ? t('settingsIntro') : t('readOnly')}</p>
      <LoadState
        loaded={loaded}
        words={{ loading: t('settingsLoading'), failed: t('settingsFailed'), retry: t('retry') }}
      >
        {(settings) =>
          canEdit ? (
            <SettingsForm settings={settings} api={api} onSaved={onSaved} />
          ) : (
            <SettingsTable settings={settings} />
          )
        }
      </LoadState>
    </section>
  );
}

function SettingsTable({ settings }: { settings: ScoreSettings }) {
  const { t } = useScoreWords();
  return (
    <table className="score-kpis">
      <thead>
        <tr>
          <th>{t('kpi')}</th>
          <th>{t('weight')}</th>
          <th>{t('target')}</th>
        </tr>
      </thead>
      <tbody>
        {settings.kpis.map((k) => (
          <tr key={k.kpi}>
            <th scope="row">{t(k.kpi as ScoreWord)}</th>
            <td>{k.weight}</td>
            <td>
              {t(SCORE_KPIS[k.kpi].better)} {showKpiValue(k.kpi, k.target)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SettingsForm({
  settings,
  api,
  onSaved,
}: {
  settings: ScoreSettings;
  api: ScoreApi;
  onSaved?: ((settings: ScoreSettings) => void) | undefined;
}) {
  const { t } = useScoreWords();
  const [rows, setRows] = useState<Row[]>(() =>
    settings.kpis.map((k) => ({
      kpi: k.kpi,
      weight: String(k.weight),
      target: String(toEdited(k.kpi, k.target)),
    })),
  );
  const [error, setError] = useState<{ field?: string | undefined; message: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const sum = rows.reduce((a, r) => a + (Number(r.weight) || 0), 0);
  const change = (i: number, patch: Partial<Row>) => {
    setSaved(false);
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  };
  const unused = SCORE_KPI_NAMES.filter((k) => !rows.some((r) => r.kpi === k));
  const errorOf = (field: string) => (error?.field === field ? error.message : undefined);
  /** The problem scoreSettingsProblem found, in the reader's language. */
  const localProblem = (field: string, body: ScoreSettings) => {
    const i = Number(field.split('/')[2]);
    if (field.endsWith('/kpi')) return t('twice');
    if (field.endsWith('/target')) {
      const kpi = body.kpis[i]!.kpi;
      const { min, max } = SCORE_KPIS[kpi];
      return `${t('targetRange')} ${toEdited(kpi, min)} ${t('and')} ${toEdited(kpi, max)} ${t(SCORE_KPIS[kpi].unit)}`;
    }
    return `${t('sumMust')} ${sum}.`;
  };

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const body: ScoreSettings = {
      kpis: rows.map((r) => ({
        kpi: r.kpi,
        weight: Number(r.weight),
        target: fromEdited(r.kpi, Number(r.target)),
      })),
    };
    const problem = scoreSettingsProblem(body);
    if (problem) return setError({ field: problem.field, message: localProblem(problem.field, body) });
    setSaving(true);
    try {
      const after = await api.saveSettings(body);
      setError(null);
      setSaved(true);
      onSaved?.(after);
    } catch (err) {
      setError(
        err instanceof ApiError ? { field: err.field, message: err.message } : { message: String(err) },
      );
    } finally {
      setSaving(false);
    }
  };

  return (
    <form aria-label={t('settings')} onSubmit={(e) => void save(e)}>
      <table className="score-kpis">
        <thead>
          <tr>
            <th>{t('kpi')}</th>
            <th>{t('weight')}</th>
            <th>{t('target')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => {
            const def = SCORE_KPIS[r.kpi];
            const name = t(r.kpi);
            const targetError = errorOf(`body/kpis/${i}/target`);
            const kpiError = errorOf(`body/kpis/${i}/kpi`);
            return (
              <tr key={i}>
                <td>
                  <select
                    aria-label={`${t('kpi')} ${i + 1}`}
                    value={r.kpi}
                    onChange={(e) => change(i, { kpi: e.target.value as ScoreKpiName, target: '' })}
                  >
                    {[r.kpi, ...unused].map((k) => (
                      <option key={k} value={k}>
                        {t(k)}
                      </option>
                    ))}
                  </select>
                  {kpiError && <div className="field-error">{kpiError}</div>}
                </td>
                <td>
                  <input
                    aria-label={`${t('weight')}: ${name}`}
                    type="number"
                    min={1}
                    max={100}
                    step={1}
                    value={r.weight}
                    onChange={(e) => change(i, { weight: e.target.value })}
                  />
                </td>
                <td>
                  {t(def.better)}{' '}
                  <input
                    aria-label={`${t('target')}: ${name}`}
                    type="number"
                    step="any"
                    value={r.target}
                    aria-invalid={targetError ? true : undefined}
                    onChange={(e) => change(i, { target: e.target.value })}
                  />{' '}
                  {t(def.unit as ScoreWord)}
                  {targetError && <div className="field-error">{targetError}</div>}
                </td>
                <td>
                  {rows.length > 1 && (
                    <button type="button" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}>
                      {t('remove')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th>{t('sum')}</th>
            <td className={sum === 100 ? undefined : 'score-sum-bad'} data-testid="weight-sum">
              {sum}
            </td>
            <td colSpan={2} />
          </tr>
        </tfoot>
      </table>
      {error && !/^body\/kpis\/\d+\/(target|kpi)$/.test(error.field ?? '') && (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      )}
      <div className="score-actions">
        {unused.length > 0 && (
          <button
            type="button"
            onClick={() =>
              // What is left of 100 (at least 1), and the target's bound as a start.
              setRows((rs) => [
                ...rs,
                {
                  kpi: unused[0]!,
                  weight: String(Math.max(1, 100 - sum)),
                  target: String(toEdited(unused[0]!, SCORE_KPIS[unused[0]!].max)),
                },
              ])
            }
          >
            {t('add')}
          </button>
        )}
        <button type="submit" disabled={saving}>
          {t('save')}
        </button>
        {saved && (
          <span role="status" className="muted">
            {t('saved')}
          </span>
        )}
      </div>
    </form>
  );
}
