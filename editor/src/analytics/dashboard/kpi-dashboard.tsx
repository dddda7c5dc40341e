import { NO_KPIS, type KpiQuery, type KpiReport, type Kpis } from '@kefu/schemas/api';
import { useContext, useState } from 'react';
import { SessionContext } from '../../console/session';
import { LoadState } from '../../shared/load-state';
import { useLoad } from '../../shared/use-load';
import { DrillDown, type DrillTarget } from './drill-down';
import { HeadlineCards } from './headline-cards';
import { kpiApi, type KpiApi } from './kpi-api';
import { KpiCharts } from './kpi-charts';
import { drillCount, type KpiDef } from './kpi-defs';
import { PRESETS, periodRange, presetRange, type Preset } from './kpi-range';
import { KpiTable, type KpiRow } from './kpi-table';
import { useDashboardWords } from './words';
import { ScorePanel } from '../score/score-panel';
import { scoreApi as httpScoreApi, type ScoreApi } from '../score/score-api';
import '../../shared/filter-form.css';
import './dashboard.css';

type By = NonNullable<KpiQuery['by']> | 'all';
const BYS: By[] = ['all', 'team', 'agent', 'channel', 'flow'];

/** The figures of a report row, or zeros for a period nothing happened in. */
const EMPTY: Kpis = NO_KPIS;
const isEmpty = (k: Kpis) => !k.conversationsIn && !k.ticketsIn && !k.csat.count;

/**
 * The service KPIs (`#/analytics/dashboard`, the analysts' landing page): a period (a preset or
 * two days), days or weeks, a breakdown; headline figures with their change from the period as
 * long just before; trend charts; a table per period and per breakdown value. Any figure opens the
 * conversations counted in it. Reads GET /analytics/kpis (rollups only) and its drill-down.
 */
export function KpiDashboard({
  api = kpiApi,
  scoreApi = httpScoreApi,
  today = new Date(),
}: {
  api?: KpiApi;
  /** The service score shown above the figures (owners set its weights under Score). */
  scoreApi?: ScoreApi;
  today?: Date;
}) {
  const { t, lang } = useDashboardWords();
  const me = useContext(SessionContext);
  const canOpen = Boolean(me?.user.roles.includes('owner'));
  const [preset, setPreset] = useState<Preset>('last7');
  const zone = me?.workspace.timeZone;
  const [custom, setCustom] = useState(() => presetRange('last7', today, zone));
  const [groupBy, setGroupBy] = useState<'day' | 'week'>('day');
  const [by, setBy] = useState<By>('all');
  const [drill, setDrill] = useState<DrillTarget | null>(null);

  const range = preset === 'custom' ? custom : presetRange(preset, today, zone);
  const badRange = !range.from || !range.to || range.to < range.from;
  const query = { from: range.from, to: range.to, groupBy };
  const key = JSON.stringify(query);
  const report = useLoad<KpiReport | null>(() => (badRange ? Promise.resolve(null) : api.report(query)), key);
  const breakdown = useLoad<KpiReport | null>(
    () => (badRange || by === 'all' ? Promise.resolve(null) : api.report({ ...query, by })),
    `${key}/${by}`,
  );
  const teams = useLoad(() => api.teams().catch(() => []), 'kpi-teams');
  const people = useLoad(() => api.people().catch(() => []), 'kpi-people');
  const flows = useLoad(() => api.flows().catch(() => []), 'kpi-flows');

  const names = {
    team: (id: string) => teams.data?.find((x) => x.id === id)?.name ?? t('noTeam'),
    agent: (id: string) => people.data?.find((x) => x.id === id)?.name ?? `…${id.slice(-6)}`,
  };
  const valueName = (dim: Exclude<By, 'all'>, value: string) => {
    if (dim === 'team') return names.team(value);
    if (dim === 'agent') return names.agent(value);
    if (dim === 'channel') return value === 'web' || value === 'email' || value === 'api' ? t(value) : value;
    const [flowId, version] = value.split(':');
    return `${flows.data?.find((f) => f.id === flowId)?.name ?? `…${flowId?.slice(-6)}`} v${version}`;
  };
  const periodLabel = (start: string) =>
    new Date(`${start}T12:00:00Z`).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en', {
      month: 'short',
      day: 'numeric',
      timeZone: 'UTC',
    });
  const open = (def: KpiDef, dim: string, dimLabel: string, from: string, to: string, kpis?: Kpis) =>
    setDrill({ def, dim, dimLabel, from, to, ...(kpis ? { count: drillCount(def, kpis) } : {}) });

  return (
    <section className="kpi-dashboard" aria-labelledby="kpi-dashboard-title">
      <h2 id="kpi-dashboard-title">{t('dashboard')}</h2>
      <p className="muted">{t('intro')}</p>
      <form
        className="filter-form kpi-controls"
        aria-label={t('controls')}
        onSubmit={(e) => e.preventDefault()}
      >
        <fieldset className="kpi-presets">
          <legend>{t('range')}</legend>
          {PRESETS.map((p) => (
            <label key={p} className="kpi-preset">
              <input
                type="radio"
                name="kpi-preset"
                value={p}
                checked={preset === p}
                onChange={() => {
                  if (p === 'custom' && preset !== 'custom') setCustom(range);
                  setPreset(p);
                }}
              />
              {t(p)}
            </label>
          ))}
        </fieldset>
        {preset === 'custom' && (
          <>
            <label>
              {t('from')}
              <input
                type="date"
                value={custom.from}
                onChange={(e) => setCustom((c) => ({ ...c, from: e.target.value }))}
              />
            </label>
            <label>
              {t('to')}
              <input
                type="date"
                value={custom.to}
                onChange={(e) => setCustom((c) => ({ ...c, to: e.target.value }))}
              />
            </label>
          </>
        )}
        <label>
          {t('groupBy')}
          <select value={groupBy} onChange={(e) => setGroupBy(e.target.value as 'day' | 'week')}>
            <option value="day">{t('day')}</option>
            <option value="week">{t('week')}</option>
          </select>
        </label>
        <label>
          {t('by')}
          <select value={by} onChange={(e) => setBy(e.target.value as By)}>
            {BYS.map((b) => (
              <option key={b} value={b}>
                {t(b)}
              </option>
            ))}
          </select>
        </label>
      </form>
      {badRange ? (
        <p className="error" role="alert">
          {t('badRange')}
        </p>
      ) : (
        <LoadState loaded={report} words={{ loading: t('loading'), failed: t('failed'), retry: t('retry') }}>
          {(r) => {
            if (!r) return null;
            const whole = r.totals.find((x) => x.value === null);
            const now = whole?.kpis ?? EMPTY;
            const before = whole?.previous ?? EMPTY;
            const periods = r.periods.map((p) => ({
              start: p.start,
              label: (groupBy === 'week' ? `${t('weekOf')} ` : '') + periodLabel(p.start),
              kpis: p.rows.find((x) => x.value === null)?.kpis ?? EMPTY,
            }));
            const periodRows: KpiRow[] = periods.map((p) => ({
              key: p.start,
              label: p.label,
              kpis: p.kpis,
              dim: 'all',
              ...periodRange(p.start, groupBy, range),
            }));
            return (
              <>
                {isEmpty(now) && (
                  <p className="muted kpi-empty" role="status">
                    {t('empty')}
                  </p>
                )}
                <ScorePanel range={range} groupBy={groupBy} api={scoreApi} />
                <HeadlineCards
                  now={now}
                  before={before}
                  onPick={(def) => open(def, 'all', t('all'), range.from, range.to, now)}
                />
                {drill && (
                  <DrillDown
                    api={api}
                    target={drill}
                    names={names}
                    canOpen={canOpen}
                    onClose={() => setDrill(null)}
                  />
                )}
                {!isEmpty(now) && (
                  <KpiCharts
                    periods={periods}
                    onPick={(def, start) => {
                      const days = periodRange(start, groupBy, range);
                      open(
                        def,
                        'all',
                        t('all'),
                        days.from,
                        days.to,
                        periods.find((p) => p.start === start)?.kpis,
                      );
                    }}
                  />
                )}
                <KpiTable
                  title={t('byPeriod')}
                  rowHeader={t('period')}
                  rows={[
                    ...periodRows,
                    { key: 'total', label: t('total'), kpis: now, previous: before, dim: 'all', ...range },
                  ]}
                  csvName={`kpis-${range.from}-${range.to}-per-${groupBy}`}
                  onPick={(def, row) => open(def, 'all', row.label, row.from, row.to, row.kpis)}
                />
              </>
            );
          }}
        </LoadState>
      )}
      {!badRange && by !== 'all' && report.data && (
        <LoadState
          loaded={breakdown}
          words={{ loading: t('loading'), failed: t('failed'), retry: t('retry') }}
        >
          {(b) => {
            if (!b) return null;
            const rows: KpiRow[] = b.totals
              .filter((x) => x.value !== null)
              .map((x) => ({
                key: x.value!,
                label: valueName(by, x.value!),
                kpis: x.kpis,
                previous: x.previous,
                dim: `${by}:${x.value}`,
                ...range,
              }))
              .sort(
                (a, c) => c.kpis.conversationsIn - a.kpis.conversationsIn || a.label.localeCompare(c.label),
              );
            const title = `${t('byValue')} ${t(by).toLowerCase()}`;
            return rows.length === 0 ? (
              <p className="muted">{t('emptyBreakdown')}</p>
            ) : (
              <KpiTable
                title={lang === 'zh' ? `${t('byValue')}${t(by)}` : title}
                rowHeader={t(by)}
                rows={rows}
                csvName={`kpis-${range.from}-${range.to}-per-${by}`}
                onPick={(def, row) => open(def, row.dim, row.label, row.from, row.to, row.kpis)}
              />
            );
          }}
        </LoadState>
      )}
    </section>
  );
}
