import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { ScoreReport } from '@kefu/schemas/api';
import { LoadState } from '../../shared/load-state';
import { useLoad } from '../../shared/use-load';
import { scoreApi, type ScoreApi } from './score-api';
import { showKpiValue } from './score-format';
import { useScoreWords, type ScoreWord } from './words';
import './score.css';

export interface ScorePanelProps {
  /** Workspace days, `YYYY-MM-DD`, both included. */
  range: { from: string; to: string };
  groupBy: 'day' | 'week';
  api?: ScoreApi;
}

/**
 * The service score of a range, self-contained (it loads its own data): the score and its change
 * against the period as long just before, its trend per period, and the KPI that pulls it down most.
 * Mounted on the dashboard and on the analytics section `score`.
 */
export function ScorePanel({ range, groupBy, api = scoreApi }: ScorePanelProps) {
  const { t } = useScoreWords();
  const loaded = useLoad(
    () => api.score({ from: range.from, to: range.to, groupBy }),
    `${range.from}/${range.to}/${groupBy}`,
  );
  return (
    <section className="score-panel" aria-label={t('title')}>
      <h2>{t('title')}</h2>
      <LoadState
        loaded={loaded}
        words={{ loading: t('loading'), failed: t('loadFailed'), retry: t('retry') }}
      >
        {(report) => <ScoreBody report={report} />}
      </LoadState>
    </section>
  );
}

function ScoreBody({ report }: { report: ScoreReport }) {
  const { t } = useScoreWords();
  const { current, change } = report;
  const worst = current.kpis.find((k) => k.kpi === current.worst);
  const data = report.periods.map((p) => ({ start: p.start.slice(5), score: p.score }));
  return (
    <>
      <div className="score-figures">
        <div>
          <div className="score-big" data-testid="score">
            {current.score === null ? '—' : current.score.toFixed(1)}
          </div>
          {current.score === null ? (
            <div className="muted">{t('noData')}</div>
          ) : (
            <div className={change === null ? 'muted' : change < 0 ? 'score-down' : 'score-up'}>
              {change === null ? '—' : `${change >= 0 ? '+' : '−'}${Math.abs(change).toFixed(1)}`}{' '}
              {t('vsBefore')}
            </div>
          )}
        </div>
        <div className="score-worst">
          <div className="muted">{t('worst')}</div>
          {worst ? (
            <div>
              <strong>{t(worst.kpi as ScoreWord)}</strong>{' '}
              <span className="muted">
                {showKpiValue(worst.kpi, worst.value)} / {showKpiValue(worst.kpi, worst.target)} · −
                {worst.shortfall} {t('pointsLost')}
              </span>
            </div>
          ) : (
            <div>{current.score === null ? '—' : t('allMet')}</div>
          )}
        </div>
      </div>
      <figure className="score-trend">
        <figcaption className="muted">{t('trend')}</figcaption>
        <LineChart
          data={data}
          responsive
          style={{ width: '100%', height: 180 }}
          margin={{ left: -20, right: 8 }}
        >
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="start" fontSize={11} />
          <YAxis domain={[0, 100]} fontSize={11} />
          <Tooltip />
          <Line
            dataKey="score"
            name={t('title')}
            stroke="#2563eb"
            strokeWidth={2}
            connectNulls={false}
            isAnimationActive={false}
          />
        </LineChart>
      </figure>
      <table className="score-kpis">
        <thead>
          <tr>
            <th>{t('kpi')}</th>
            <th>{t('weight')}</th>
            <th>{t('target')}</th>
            <th>{t('value')}</th>
            <th>{t('attainment')}</th>
          </tr>
        </thead>
        <tbody>
          {current.kpis.map((k) => (
            <tr key={k.kpi} className={k.kpi === current.worst ? 'score-worst-row' : undefined}>
              <th scope="row">{t(k.kpi as ScoreWord)}</th>
              <td>{k.weight}</td>
              <td>{showKpiValue(k.kpi, k.target)}</td>
              <td>{showKpiValue(k.kpi, k.value)}</td>
              <td>{k.attainment ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {current.score !== null && current.coverage < 100 && (
        <p className="muted">
          {t('coverage')}: {current.coverage}&nbsp;%
        </p>
      )}
    </>
  );
}
