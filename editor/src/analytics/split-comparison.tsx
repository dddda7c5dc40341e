import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, XAxis, YAxis } from 'recharts';
import type { SplitReport } from '@kefu/schemas/api';
import { ApiError } from '../shared/http';
import { LoadState } from '../shared/load-state';
import { useLoad } from '../shared/use-load';
import { formatDifference, verdictOf, type SplitMetric } from './split-verdict';
import { splitsApi, type SplitsApi } from './splits-api';
import { useSplitWords } from './split-words';
import { addDays, dayIn, useWorkspaceZone } from './workspace-day';

type Split = SplitReport['splits'][number];
type Branch = Split['branches'][number];
const METRICS: SplitMetric[] = ['botResolvedRate', 'handedToPersonRate', 'csatAverage', 'csatPositiveShare'];

/**
 * The random-split comparison (`#/analytics/splits`): for a flow version and a range of days the
 * conversations came in, each split's branches side by side, each against the first (the control),
 * with the difference, its 95 % interval, the p-value and a plain verdict (docs/analytics.md).
 */
export function SplitComparison({
  api = splitsApi,
  today = Date.now(),
}: {
  api?: SplitsApi;
  today?: number;
}) {
  const { t } = useSplitWords();
  const flows = useLoad(() => api.flows(), 'split-flows');
  const to = dayIn(today, useWorkspaceZone());
  const [form, setForm] = useState({ flowId: '', version: '', from: addDays(to, -29), to });
  const [asked, setAsked] = useState<typeof form | null>(null);
  const published = (flows.data ?? []).filter((f) => f.activeVersion);
  const pickFlow = (flowId: string) => {
    const version = published.find((f) => f.id === flowId)?.activeVersion;
    setForm({ ...form, flowId, version: version ? String(version) : '' });
  };
  const report = useLoad(
    () =>
      asked
        ? api.report({ flowId: asked.flowId, version: Number(asked.version), from: asked.from, to: asked.to })
        : Promise.resolve(null),
    JSON.stringify(asked),
  );
  const refused = report.state === 'failed' && report.error instanceof ApiError && report.error.status < 500;
  return (
    <section className="split-comparison">
      <p className="muted">{t('intro')}</p>
      <form
        className="split-form"
        onSubmit={(e) => {
          e.preventDefault();
          setAsked({ ...form });
        }}
      >
        <label>
          {t('flow')}
          <select value={form.flowId} onChange={(e) => pickFlow(e.target.value)}>
            <option value="">{t('chooseFlow')}</option>
            {published.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('version')}
          <input
            type="number"
            min={1}
            value={form.version}
            onChange={(e) => setForm({ ...form, version: e.target.value })}
          />
        </label>
        <label>
          {t('from')}
          <input type="date" value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} />
        </label>
        <label>
          {t('to')}
          <input type="date" value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} />
        </label>
        <button type="submit" disabled={!form.flowId || !form.version}>
          {t('compare')}
        </button>
      </form>
      {!asked ? (
        <p className="muted">{t('pickFlow')}</p>
      ) : refused ? (
        <p role="alert" className="load-failed">
          {t('refused')} {(report.error as ApiError).message}
        </p>
      ) : (
        <LoadState
          loaded={report}
          words={{ loading: t('loading'), failed: t('loadFailed'), retry: t('retry') }}
        >
          {(data) =>
            !data ? null : data.splits.length === 0 ? (
              <p className="muted">{t('noSplits')}</p>
            ) : (
              data.splits.map((split) => <SplitTable key={split.nodeId} split={split} />)
            )
          }
        </LoadState>
      )}
    </section>
  );
}

function SplitTable({ split }: { split: Split }) {
  const { t } = useSplitWords();
  const control = split.branches[0];
  const value = (b: Branch, m: SplitMetric) => {
    const v = b.outcomes[m];
    if (v === null) return '—';
    return m === 'csatAverage' ? v.toFixed(2) : `${Math.round(v * 100)}%`;
  };
  const enoughFor = (b: Branch, m: SplitMetric) =>
    m === 'csatAverage' || m === 'csatPositiveShare' ? Boolean(b.vsControl?.enoughAnswers) : b.enough;
  // The two rates per branch, in percent, for the eye; the table says what is more than chance.
  const chart = (['botResolvedRate', 'handedToPersonRate'] as const).map((m) => ({
    name: t(m),
    ...Object.fromEntries(split.branches.map((b) => [b.port, Math.round((b.outcomes[m] ?? 0) * 1000) / 10])),
  }));
  const COLORS = ['#94a3b8', '#2563eb', '#16a34a', '#ea580c', '#9333ea'];
  return (
    <article className="split-node" aria-label={split.label ?? split.nodeId}>
      <h2>{split.label ?? split.nodeId}</h2>
      <table className="list-table split-table">
        <thead>
          <tr>
            <th>{t('branch')}</th>
            {split.branches.map((b, i) => (
              <th key={b.port}>
                {b.label}{' '}
                <span className="muted">
                  ({b.port}
                  {i === 0 ? `, ${t('control')}` : ''})
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th>{t('conversations')}</th>
            {split.branches.map((b) => (
              <td key={b.port}>{b.conversations}</td>
            ))}
          </tr>
          {METRICS.map((m) => (
            <tr key={m}>
              <th>{t(m)}</th>
              {split.branches.map((b, i) => {
                const c = b.vsControl?.[m] ?? null;
                const verdict = verdictOf(c, enoughFor(b, m), t);
                return (
                  <td key={b.port}>
                    <strong>{value(b, m)}</strong>
                    {(m === 'csatAverage' || m === 'csatPositiveShare') && (
                      <span className="muted">
                        {' '}
                        ({b.outcomes.csatCount} {t('answers')})
                      </span>
                    )}
                    {i > 0 && (
                      <div
                        className={`split-verdict${c?.significant && enoughFor(b, m) ? ' significant' : ''}`}
                      >
                        {c ? `${formatDifference(m, c, t)} — ` : ''}
                        {verdict}
                      </div>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {control && split.branches.length > 1 && (
        <figure className="split-chart">
          <figcaption>{t('chart')}</figcaption>
          <BarChart width={520} height={200} data={chart} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" />
            <YAxis unit="%" width={50} domain={[0, 100]} />
            <Legend />
            {split.branches.map((b, i) => (
              <Bar
                key={b.port}
                dataKey={b.port}
                name={b.label}
                fill={COLORS[i % COLORS.length]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </figure>
      )}
      {split.branches.length > 2 && <p className="muted">{t('holm')}</p>}
    </article>
  );
}
