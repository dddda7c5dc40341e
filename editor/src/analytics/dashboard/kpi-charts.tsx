import type { Kpis } from '@kefu/schemas/api';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ReactNode } from 'react';
import { kpiDef, type KpiDef, type KpiKey } from './kpi-defs';
import { useDashboardWords } from './words';

export interface ChartPeriod {
  start: string;
  label: string;
  kpis: Kpis;
}

type Series = { key: KpiKey; color: string; dashed?: boolean };
const minutes = (s: number | null) => (s === null ? null : Math.round((s / 60) * 10) / 10);
const percent = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);

/** What each chart plots, in the unit its axis reads. */
const plotted = (def: KpiDef, k: Kpis) => {
  const v = def.value(k);
  return def.format === 'seconds' ? minutes(v) : def.format === 'rate' ? percent(v) : v;
};

/**
 * The trend per period: conversations and tickets in, first response and resolution (median and
 * p90), the rates, CSAT. Each point opens the list of that period's conversations for its line.
 * The per-period table under the charts holds the same figures (their text alternative).
 */
export function KpiCharts({
  periods,
  onPick,
}: {
  periods: ChartPeriod[];
  onPick(def: KpiDef, start: string): void;
}) {
  const { t } = useDashboardWords();
  const data = periods.map((p) => {
    const row: Record<string, string | number | null> = { start: p.start, label: p.label };
    for (const key of CHARTED) row[key] = plotted(kpiDef(key), p.kpis);
    return row;
  });
  const dot =
    (key: KpiKey, color: string, r: number) =>
    (props: { cx?: number; cy?: number; index?: number; payload?: { start: string } }): ReactNode => {
      if (props.cx === undefined || props.cy === undefined || props.payload?.[key as never] === null)
        return <g key={`${key}-${props.index}`} />;
      return (
        <circle
          key={`${key}-${props.index}`}
          className="kpi-dot"
          data-kpi={key}
          data-start={props.payload?.start}
          cx={props.cx}
          cy={props.cy}
          r={r}
          fill={r > 3 ? color : '#fff'}
          stroke={color}
          strokeWidth={2}
          onClick={() => props.payload && onPick(kpiDef(key), props.payload.start)}
        />
      );
    };
  const lines = (series: Series[]) =>
    series.map((s) => (
      <Line
        key={s.key}
        type="linear"
        dataKey={s.key}
        name={t(s.key)}
        stroke={s.color}
        strokeWidth={2}
        strokeDasharray={s.dashed ? '5 4' : undefined}
        dot={dot(s.key, s.color, 3)}
        activeDot={dot(s.key, s.color, 6)}
        connectNulls
        isAnimationActive={false}
      />
    ));
  const frame = (title: string, chart: ReactNode) => (
    <figure className="kpi-chart">
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={220} initialDimension={{ width: 480, height: 220 }}>
        {chart as never}
      </ResponsiveContainer>
    </figure>
  );
  const axes = (domain?: [number, number]) => [
    <CartesianGrid key="grid" strokeDasharray="3 3" stroke="#e2e8f0" />,
    <XAxis key="x" dataKey="label" tick={{ fontSize: 11 }} />,
    <YAxis key="y" tick={{ fontSize: 11 }} width={40} {...(domain ? { domain } : {})} />,
    <Tooltip key="tip" />,
    <Legend key="legend" wrapperStyle={{ fontSize: 12 }} />,
  ];
  return (
    <section className="kpi-charts" aria-label={t('charts')}>
      <p className="muted small">{t('chartHint')}</p>
      <div className="kpi-chart-grid">
        {frame(
          t('chartVolume'),
          <BarChart
            data={data}
            margin={MARGIN}
            onClick={(state) => {
              const i = Number(state?.activeIndex);
              const p = Number.isInteger(i) ? periods[i] : undefined;
              if (p) onPick(kpiDef('conversationsIn'), p.start);
            }}
          >
            {axes()}
            <Bar
              dataKey="conversationsIn"
              name={t('conversationsIn')}
              fill="#2563eb"
              isAnimationActive={false}
            />
            <Bar dataKey="ticketsIn" name={t('ticketsIn')} fill="#f59e0b" isAnimationActive={false} />
          </BarChart>,
        )}
        {frame(
          t('chartTimes'),
          <LineChart data={data} margin={MARGIN}>
            {axes()}
            {lines([
              { key: 'firstResponseMedian', color: '#2563eb' },
              { key: 'firstResponseP90', color: '#2563eb', dashed: true },
              { key: 'resolutionMedian', color: '#16a34a' },
              { key: 'resolutionP90', color: '#16a34a', dashed: true },
            ])}
          </LineChart>,
        )}
        {frame(
          t('chartRates'),
          <LineChart data={data} margin={MARGIN}>
            {axes([0, 100])}
            {lines([
              { key: 'resolutionRate', color: '#16a34a' },
              { key: 'answerRate', color: '#2563eb' },
              { key: 'botDeflectionRate', color: '#7c3aed' },
              { key: 'reopenRate', color: '#dc2626' },
            ])}
          </LineChart>,
        )}
        {frame(
          t('chartCsat'),
          <LineChart data={data} margin={MARGIN}>
            {axes([1, 5])}
            {lines([{ key: 'csatAverage', color: '#f59e0b' }])}
          </LineChart>,
        )}
      </div>
    </section>
  );
}

/** Room on the right for the last period's label. */
const MARGIN = { top: 8, right: 20, bottom: 0, left: 0 };

const CHARTED: KpiKey[] = [
  'conversationsIn',
  'ticketsIn',
  'firstResponseMedian',
  'firstResponseP90',
  'resolutionMedian',
  'resolutionP90',
  'resolutionRate',
  'answerRate',
  'botDeflectionRate',
  'reopenRate',
  'csatAverage',
];
