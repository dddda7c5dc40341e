import {
  SCORE_KPIS,
  type KpiReport,
  type Kpis,
  type ScoreKpiName,
  type ScoreReport,
} from '@kefu/schemas/api';

/**
 * The weekly report as one self-contained HTML page (no scripts, no network), which headless
 * Chromium prints to PDF. Server-side HTML with hand-drawn SVG rather than a page of the editor's
 * build: the worker then needs neither the editor's bundle nor a signed-in browser session, the
 * page renders the same whatever the console's state, and two simple charts are a few lines of SVG
 * (docs/analytics.md "Weekly report" says why). Two A4 pages: the summary, then the score's parts.
 */
export interface ReportInput {
  workspaceName: string;
  timeZone: string;
  week: string;
  /** The week's KPIs per day, with the week before (GET /analytics/kpis of the week). */
  kpis: KpiReport;
  /** The week's score per day, with the week before (GET /analytics/score of the week). */
  score: ScoreReport;
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const pct = (n: number | null) => (n === null ? '—' : `${(n * 100).toFixed(1)} %`);
const secs = (n: number | null) =>
  n === null
    ? '—'
    : n < 120
      ? `${n} s`
      : n < 7200
        ? `${Math.round(n / 60)} min`
        : `${(n / 3600).toFixed(1)} h`;
const num = (n: number | null) => (n === null ? '—' : String(n));
const avg = (n: number | null) => (n === null ? '—' : n.toFixed(2));

/** A score KPI's value or target as its unit reads. */
function inUnit(kpi: string, n: number | null): string {
  const unit = SCORE_KPIS[kpi as ScoreKpiName]?.unit;
  return unit === 'seconds' ? secs(n) : unit === 'share' ? pct(n) : avg(n);
}

/** The KPI table's rows: label, how to show it, the figure. */
const ROWS: [string, (k: Kpis) => string][] = [
  ['Conversations in · 会话量', (k) => num(k.conversationsIn)],
  ['Tickets in · 工单量', (k) => num(k.ticketsIn)],
  ['First response, median · 首次响应中位数', (k) => secs(k.firstResponse.median)],
  ['First response, p90 · 首次响应 P90', (k) => secs(k.firstResponse.p90)],
  ['Resolution time, median · 解决时长中位数', (k) => secs(k.resolution.median)],
  ['Resolution rate · 解决率', (k) => pct(k.resolutionRate)],
  ['Answer rate · 接通率', (k) => pct(k.answerRate)],
  ['Bot deflection · 机器人独立解决率', (k) => pct(k.botDeflectionRate)],
  ['CSAT average · 满意度均分', (k) => avg(k.csat.average)],
  ['CSAT positive · 满意度好评率', (k) => pct(k.csat.positiveShare)],
  ['SLA breaches · SLA 违约', (k) => num(k.slaBreaches)],
  ['Reopen rate · 重开率', (k) => pct(k.reopenRate)],
];

/** What each scorable KPI is called in the report. */
export const SCORE_KPI_LABELS: Record<string, string> = {
  csatAverage: 'CSAT average · 满意度均分',
  csatPositiveShare: 'CSAT positive · 满意度好评率',
  resolutionRate: 'Resolution rate · 解决率',
  answerRate: 'Answer rate · 接通率',
  botDeflectionRate: 'Bot deflection · 机器人独立解决率',
  firstResponseMedian: 'First response, median · 首次响应中位数',
  firstResponseP90: 'First response, p90 · 首次响应 P90',
  resolutionMedian: 'Resolution time, median · 解决时长中位数',
  resolutionP90: 'Resolution time, p90 · 解决时长 P90',
  reopenRate: 'Reopen rate · 重开率',
};

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const W = 320;
const H = 150;
const PAD = { left: 34, right: 8, top: 10, bottom: 22 };

/** Bars of this week's conversations per day beside last week's. */
function conversationsChart(report: KpiReport): string {
  const whole = (rows: KpiReport['periods'][number]['rows']) =>
    rows.find((r) => r.value === null)?.kpis.conversationsIn ?? 0;
  const now = report.periods.map((p) => whole(p.rows));
  const before = report.previousPeriods.map((p) => whole(p.rows));
  const max = Math.max(1, ...now, ...before);
  const slot = (W - PAD.left - PAD.right) / 7;
  const y = (v: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - v / max);
  const bars = WEEKDAYS.map((d, i) => {
    const x = PAD.left + i * slot;
    const b = before[i] ?? 0;
    const n = now[i] ?? 0;
    return (
      `<rect x="${x + slot * 0.12}" y="${y(b)}" width="${slot * 0.36}" height="${y(0) - y(b)}" fill="#c9d3e0"/>` +
      `<rect x="${x + slot * 0.5}" y="${y(n)}" width="${slot * 0.36}" height="${y(0) - y(n)}" fill="#2f6fde"/>` +
      `<text x="${x + slot / 2}" y="${H - 6}" text-anchor="middle">${d}</text>`
    );
  }).join('');
  return svg(`${axis(max, y)}${bars}`, 'Conversations in per day: last week (grey) and this week (blue)');
}

/** The day's score as a line, the week before as a dashed one. */
function scoreChart(score: ScoreReport, before: (number | null)[]): string {
  const slot = (W - PAD.left - PAD.right) / 7;
  const x = (i: number) => PAD.left + slot * (i + 0.5);
  const y = (v: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - v / 100);
  const line = (values: (number | null)[], attrs: string) => {
    // A day without data breaks the line rather than drawing it at 0.
    const parts: string[] = [];
    let d = '';
    values.forEach((v, i) => {
      if (v === null) {
        if (d) parts.push(d);
        d = '';
      } else d += `${d ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    });
    if (d) parts.push(d);
    const dots = values
      .map((v, i) => (v === null ? '' : `<circle cx="${x(i)}" cy="${y(v)}" r="2.5" ${attrs}/>`))
      .join('');
    return parts.map((p) => `<path d="${p}" fill="none" stroke-width="2" ${attrs}/>`).join('') + dots;
  };
  const labels = WEEKDAYS.map(
    (d, i) => `<text x="${x(i)}" y="${H - 6}" text-anchor="middle">${d}</text>`,
  ).join('');
  return svg(
    `${axis(100, y)}${labels}${line(before, 'stroke="#c9d3e0" fill="#c9d3e0" stroke-dasharray="4 3"')}` +
      line(
        score.periods.map((p) => p.score),
        'stroke="#2f6fde" fill="#2f6fde"',
      ),
    'Service score per day: last week (dashed) and this week',
  );
}

function axis(max: number, y: (v: number) => number): string {
  return [0, max / 2, max]
    .map(
      (v) =>
        `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e9ef"/>` +
        `<text x="${PAD.left - 4}" y="${y(v) + 3}" text-anchor="end">${Math.round(v)}</text>`,
    )
    .join('');
}

const svg = (body: string, label: string) =>
  `<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(label)}">${body}</svg>`;

const change = (now: number | null, before: number | null) =>
  now === null || before === null
    ? '—'
    : `${now - before >= 0 ? '+' : '−'}${Math.abs(now - before).toFixed(1)}`;

/** The report's HTML. `beforeDaily` is last week's score per day (from a score report of that week). */
export function weeklyReportHtml(input: ReportInput, beforeDaily: (number | null)[]): string {
  const { kpis, score } = input;
  const total = kpis.totals.find((t) => t.value === null);
  const worst = score.current.worst;
  const title = `Kefu weekly report ${input.week} — ${input.workspaceName}`;
  const kpiRows = total
    ? ROWS.map(
        ([label, show]) =>
          `<tr><th>${label}</th><td>${show(total.kpis)}</td><td>${show(total.previous)}</td></tr>`,
      ).join('')
    : '';
  const scoreRows = score.current.kpis
    .map((k) => {
      const before = score.before.kpis.find((b) => b.kpi === k.kpi);
      return (
        `<tr${k.kpi === worst ? ' class="worst"' : ''}><th>${SCORE_KPI_LABELS[k.kpi] ?? k.kpi}</th>` +
        `<td>${k.weight} %</td><td>${inUnit(k.kpi, k.target)}</td><td>${inUnit(k.kpi, k.value)}</td>` +
        `<td>${num(k.attainment)}</td><td>${num(k.shortfall)}</td><td>${num(before?.attainment ?? null)}</td></tr>`
      );
    })
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
  @page { size: A4; margin: 16mm 14mm; }
  body { font-family: 'Noto Sans', 'DejaVu Sans', 'WenQuanYi Zen Hei', sans-serif; color: #1d2633; font-size: 11px; margin: 0; }
  h1 { font-size: 19px; margin: 0 0 2px; }
  h2 { font-size: 13px; margin: 18px 0 6px; }
  .sub { color: #5b6675; margin: 0 0 14px; }
  .cards { display: flex; gap: 12px; }
  .card { border: 1px solid #d8dee7; border-radius: 6px; padding: 10px 14px; flex: 1; }
  .card .big { font-size: 30px; font-weight: 700; }
  .card .label { color: #5b6675; }
  .down { color: #b3261e; } .up { color: #1b7a3d; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 4px 6px; border-bottom: 1px solid #e5e9ef; }
  thead th { color: #5b6675; font-weight: 600; }
  td { text-align: right; font-variant-numeric: tabular-nums; }
  tr.worst th, tr.worst td { background: #fdecea; }
  .charts { display: flex; gap: 14px; }
  .charts figure { margin: 0; flex: 1; }
  figcaption { color: #5b6675; margin-bottom: 4px; }
  svg text { font-size: 9px; fill: #5b6675; }
  .page-break { break-before: page; }
  .note { color: #5b6675; margin-top: 10px; }
</style></head>
<body>
  <h1>${esc(title)}</h1>
  <p class="sub">${kpis.from} – ${kpis.to} (${esc(input.timeZone)}) · compared with ${kpis.previous.from} – ${kpis.previous.to}</p>
  <div class="cards">
    <div class="card"><div class="label">Service score · 服务评分</div>
      <div class="big">${score.current.score === null ? '—' : score.current.score.toFixed(1)}</div>
      <div class="${(score.change ?? 0) < 0 ? 'down' : 'up'}">${change(score.current.score, score.before.score)} vs previous week</div></div>
    <div class="card"><div class="label">Pulls the score down most · 拖累评分最多</div>
      <div class="big" style="font-size:16px">${worst ? (SCORE_KPI_LABELS[worst] ?? worst) : 'Nothing: every target met · 全部达标'}</div>
      <div class="label">${worst ? `${num(score.current.kpis.find((k) => k.kpi === worst)?.shortfall ?? null)} points lost` : ''}</div></div>
    <div class="card"><div class="label">Conversations in · 会话量</div>
      <div class="big">${total?.kpis.conversationsIn ?? 0}</div>
      <div class="label">${total?.previous.conversationsIn ?? 0} the week before</div></div>
  </div>
  <h2>Per day · 每日</h2>
  <div class="charts">
    <figure><figcaption>Conversations in (grey: previous week)</figcaption>${conversationsChart(kpis)}</figure>
    <figure><figcaption>Service score (dashed: previous week)</figcaption>${scoreChart(score, beforeDaily)}</figure>
  </div>
  <h2>Service KPIs · 服务指标</h2>
  <table><thead><tr><th></th><th style="text-align:right">This week</th><th style="text-align:right">Previous week</th></tr></thead>
  <tbody>${kpiRows}</tbody></table>
  <section class="page-break">
    <h2>How the score is made · 评分构成</h2>
    <table><thead><tr><th>KPI</th><th>Weight</th><th>Target</th><th>Value</th><th>Attainment</th><th>Points lost</th><th>Attainment, prev.</th></tr></thead>
    <tbody>${scoreRows}</tbody></table>
    <p class="note">Attainment: 100 at or beyond the target; a higher-is-better KPI falls linearly to 0 at its floor
    (0, or 1 for a CSAT average), a lower-is-better one to 0 at three times its target. The score is the weighted
    average of the attainments; a KPI without data is left out and the others weigh in proportion
    (weight with data this week: ${score.current.coverage} %). Points lost: the weight × the shortfall.</p>
  </section>
</body></html>`;
}
