import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import {
  NO_KPIS,
  type KpiItem,
  type KpiItemsPage,
  type KpiQuery,
  type KpiReport,
  type Kpis,
  type Me,
} from '@kefu/schemas/api';
import { useLang } from '../../flows/i18n';
import { SessionContext } from '../../console/session';
import { ApiError } from '../../shared/http';
import type { KpiApi } from './kpi-api';
import { KpiDashboard } from './kpi-dashboard';
import { fakeScoreApi } from '../score/score-fake-api';

afterEach(cleanup);
beforeEach(() => useLang.getState().setLang('en'));

const TODAY = new Date(2026, 9, 14, 10); // 14 October 2026: last 7 days are 8–14 October
const team = 'c'.repeat(24);
const agentId = 'd'.repeat(24);

const kpis = (over: Partial<Kpis> = {}): Kpis => ({ ...NO_KPIS, ...over });
const now = kpis({
  conversationsIn: 120,
  ticketsIn: 10,
  resolved: 60,
  resolutionRate: 0.5,
  firstResponse: { count: 50, median: 60, p90: 300 },
  resolution: { count: 60, median: 3600, p90: 7200 },
  csat: { count: 20, sum: 84, positive: 16, average: 4.2, positiveShare: 0.8 },
  slaBreaches: 3,
});
const before = kpis({
  conversationsIn: 100,
  ticketsIn: 10,
  resolved: 60,
  resolutionRate: 0.6,
  firstResponse: { count: 40, median: 120, p90: 600 },
  resolution: { count: 60, median: 3600, p90: 7200 },
  csat: { count: 20, sum: 80, positive: 14, average: 4, positiveShare: 0.7 },
  slaBreaches: 1,
});

function report(q: KpiQuery, whole: Kpis = now, previous: Kpis = before): KpiReport {
  const by = q.by ?? 'all';
  const rows = (k: Kpis) => (by === 'all' ? [{ value: null, kpis: k }] : [{ value: team, kpis: k }]);
  return {
    timeZone: 'UTC',
    from: q.from,
    to: q.to,
    groupBy: q.groupBy ?? 'day',
    by,
    previous: { from: '2026-10-01', to: '2026-10-07' },
    periods: [
      { start: q.from, rows: rows(kpis({ conversationsIn: 70 })) },
      { start: q.to, rows: rows(kpis({ conversationsIn: 50 })) },
    ],
    previousPeriods: [],
    totals:
      by === 'all' ? [{ value: null, kpis: whole, previous }] : [{ value: team, kpis: whole, previous }],
  };
}
const item = (n: number, over: Partial<KpiItem> = {}): KpiItem => ({
  type: 'conversation',
  id: String(n).padStart(24, '0'),
  day: '2026-10-14',
  createdAt: '2026-10-14T09:00:00.000Z',
  status: 'closed',
  title: `Customer ${n}`,
  channel: 'web',
  teamId: team,
  agentId,
  ...over,
});

function fakeApi(over: Partial<KpiApi> = {}) {
  return {
    report: vi.fn(async (q: KpiQuery) => report(q)),
    items: vi.fn(async (): Promise<KpiItemsPage> => ({
      items: [item(1, { title: '=HYPERLINK("x")' }), item(2, { type: 'ticket', title: 'Refund, please' })],
      nextCursor: null,
      scannedTo: '2026-10-08',
    })),
    teams: vi.fn(async () => [{ id: team, key: 'support', name: 'Support', members: [], createdAt: '' }]),
    people: vi.fn(async () => [{ id: agentId, name: 'Mei' }]),
    flows: vi.fn(async () => []),
    ...over,
  } satisfies KpiApi;
}

const card = (name: RegExp) => screen.getByRole('button', { name });
const owner = { user: { roles: ['owner'] }, workspace: { timeZone: 'UTC' } } as unknown as Me;

/** The CSV handed to the browser's download by the next Export click. */
function captureCsv() {
  const blobs: Blob[] = [];
  URL.createObjectURL = vi.fn((b: Blob) => {
    blobs.push(b);
    return 'blob:x';
  }) as never;
  URL.revokeObjectURL = vi.fn();
  const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
  return {
    async text() {
      const b = blobs.at(-1)!;
      const bytes = await new Promise<ArrayBuffer>((resolve) => {
        const r = new FileReader();
        r.onload = () => resolve(r.result as ArrayBuffer);
        r.readAsArrayBuffer(b);
      });
      // Kept as sent: a plain text read would drop the byte order mark being checked.
      return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    },
    restore: () => click.mockRestore(),
  };
}

describe('KPI dashboard', () => {
  it('shows the loading state while the KPIs are asked for, then the figures with their change', async () => {
    let answer!: (r: KpiReport) => void;
    const api = fakeApi({ report: vi.fn(() => new Promise<KpiReport>((r) => (answer = r))) });
    render(<KpiDashboard api={api} scoreApi={fakeScoreApi().api} today={TODAY} />);
    expect(screen.getByRole('status').textContent).toBe('Loading the KPIs…');
    expect(api.report).toHaveBeenCalledWith({ from: '2026-10-08', to: '2026-10-14', groupBy: 'day' });
    answer(report({ from: '2026-10-08', to: '2026-10-14', groupBy: 'day' }));
    const conversations = await screen.findByRole('button', { name: /^Conversations in: 120\./ });
    // More conversations is neither better nor worse: up, uncoloured.
    const change = (b: HTMLElement) => b.querySelector('.kpi-change')!;
    expect(change(conversations).className).toContain('neutral');
    expect(change(conversations).textContent).toContain('▲ +20%');
    // A faster first response is better: down, green.
    const frt = card(/^First response \(median\): 1 min/);
    expect(change(frt).className).toContain('better');
    expect(change(frt).getAttribute('data-direction')).toBe('down');
    expect(change(frt).textContent).toContain('down −50%, better (previous 2 min)');
    // A lower resolution rate is worse: down 10 points, red.
    const rate = card(/^Resolution rate: 50%/);
    expect(change(rate).className).toContain('worse');
    expect(change(rate).textContent).toContain('▼ −10 pts');
    // More SLA breaches is worse; a higher CSAT better.
    expect(change(card(/^SLA breaches: 3/)).className).toContain('worse');
    expect(change(card(/^CSAT \(average\): 4\.20/)).className).toContain('better');
    // Resolution time did not move; answer rate has nothing to compare with.
    expect(change(card(/^Resolution time \(median\)/)).textContent).toContain('no change');
    expect(change(card(/^Answer rate/)).textContent).toBe('nothing to compare with');
    // The per-period table: the charts' text alternative, one row per day and the total.
    const table = screen.getByRole('table', { name: 'Per period' });
    expect(within(table).getAllByRole('row')).toHaveLength(4);
  });

  it('shows the service score of the same period above the figures', async () => {
    const score = fakeScoreApi().api;
    render(<KpiDashboard api={fakeApi()} scoreApi={score} today={TODAY} />);
    const panel = await screen.findByRole('region', { name: 'Service score' });
    await within(panel).findByText(/72\.5/);
    expect(score.score).toHaveBeenCalledWith({ from: '2026-10-08', to: '2026-10-14', groupBy: 'day' });
  });

  it('says when loading failed and loads again on Retry', async () => {
    const api = fakeApi({
      report: vi
        .fn()
        .mockRejectedValueOnce(new ApiError(500, 'KEFU_ERR_INTERNAL', 'down'))
        .mockImplementation(async (q: KpiQuery) => report(q)),
    });
    render(<KpiDashboard api={api} scoreApi={fakeScoreApi().api} today={TODAY} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the KPIs.');
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await screen.findByRole('button', { name: /^Conversations in: 120\./ });
  });

  it('says when nothing happened in the range, and refuses a range that ends before it starts', async () => {
    const api = fakeApi({ report: vi.fn(async (q: KpiQuery) => report(q, kpis(), kpis())) });
    render(<KpiDashboard api={api} scoreApi={fakeScoreApi().api} today={TODAY} />);
    await screen.findByText('Nothing happened in this period: no conversations, tickets or ratings.');
    expect(document.querySelector('.kpi-charts')).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: 'This month' }));
    await vi.waitFor(() =>
      expect(api.report).toHaveBeenLastCalledWith({ from: '2026-10-01', to: '2026-10-14', groupBy: 'day' }),
    );
    fireEvent.click(screen.getByRole('radio', { name: 'Custom' }));
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-10-20' } });
    expect((await screen.findByRole('alert')).textContent).toBe('"To" must be on or after "From".');
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-09-01' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Per' }), { target: { value: 'week' } });
    await vi.waitFor(() =>
      expect(api.report).toHaveBeenLastCalledWith({ from: '2026-09-01', to: '2026-10-14', groupBy: 'week' }),
    );
  });

  it('opens the conversations behind a headline figure; owners open each, analysts read', async () => {
    const api = fakeApi();
    const { unmount } = render(
      <SessionContext.Provider value={owner}>
        <KpiDashboard api={api} scoreApi={fakeScoreApi().api} today={TODAY} />
      </SessionContext.Provider>,
    );
    fireEvent.click(await screen.findByRole('button', { name: /^Resolution rate: 50%/ }));
    const list = await screen.findByRole('table', { name: 'Counted items' });
    // A rate lists its numerator: the conversations resolved.
    expect(api.items).toHaveBeenCalledWith(
      { kpi: 'resolved', dim: 'all', from: '2026-10-08', to: '2026-10-14' },
      undefined,
    );
    expect(
      screen.getByRole('heading', { name: /Resolution rate · Whole workspace · 2026-10-08 – 2026-10-14/ }),
    );
    const rows = within(list).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    // The figure says how long the whole list is.
    expect(screen.getByRole('navigation', { name: 'More of the list' }).textContent).toContain(
      'Showing 2 of 60',
    );
    await vi.waitFor(() => expect(rows[0]!.textContent).toContain('Support'));
    expect(rows[0]!.textContent).toContain('Mei');
    expect(
      within(rows[0]!)
        .getByRole('link', { name: /Open Conversation/ })
        .getAttribute('href'),
    ).toBe(`#/conversations/${item(1).id}`);
    expect(
      within(rows[1]!)
        .getByRole('link', { name: /Open Ticket/ })
        .getAttribute('href'),
    ).toBe(`#/tickets/${item(2).id}`);
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('table', { name: 'Counted items' })).toBeNull();
    unmount();

    // An analyst reads the list: no way into the inbox's views.
    render(<KpiDashboard api={api} scoreApi={fakeScoreApi().api} today={TODAY} />);
    fireEvent.click(await screen.findByRole('button', { name: /^CSAT \(average\)/ }));
    const read = await screen.findByRole('table', { name: 'Counted items' });
    expect(within(read).queryAllByRole('link')).toHaveLength(0);
    expect(screen.getByText('Read only: owners open each conversation from here.'));
    expect(api.items).toHaveBeenLastCalledWith(
      { kpi: 'csat', dim: 'all', from: '2026-10-08', to: '2026-10-14' },
      undefined,
    );
  });

  it('breaks the figures down by team, with names, and opens a cell of a row', async () => {
    const api = fakeApi();
    render(<KpiDashboard api={api} scoreApi={fakeScoreApi().api} today={TODAY} />);
    await screen.findByRole('button', { name: /^Conversations in: 120\./ });
    fireEvent.change(screen.getByRole('combobox', { name: 'Breakdown' }), { target: { value: 'team' } });
    const table = await screen.findByRole('table', { name: 'Per team' });
    expect(api.report).toHaveBeenLastCalledWith({
      from: '2026-10-08',
      to: '2026-10-14',
      groupBy: 'day',
      by: 'team',
    });
    await within(table).findByRole('rowheader', { name: 'Support' });
    fireEvent.click(within(table).getByRole('button', { name: /SLA breaches — Support: 3/ }));
    await screen.findByRole('table', { name: 'Counted items' });
    expect(api.items).toHaveBeenLastCalledWith(
      { kpi: 'slaBreaches', dim: `team:${team}`, from: '2026-10-08', to: '2026-10-14' },
      undefined,
    );
    // A cell of the per-period table lists that day.
    const periods = screen.getByRole('table', { name: 'Per period' });
    fireEvent.click(within(periods).getAllByRole('button', { name: /Conversations in — Oct 8/ })[0]!);
    await vi.waitFor(() =>
      expect(api.items).toHaveBeenLastCalledWith(
        { kpi: 'conversationsIn', dim: 'all', from: '2026-10-08', to: '2026-10-08' },
        undefined,
      ),
    );
  });

  it('exports each table as CSV: BOM, names not ids, formulas defused', async () => {
    const csv = captureCsv();
    try {
      const api = fakeApi();
      render(<KpiDashboard api={api} scoreApi={fakeScoreApi().api} today={TODAY} />);
      await screen.findByRole('button', { name: /^Conversations in: 120\./ });
      fireEvent.click(screen.getByRole('button', { name: 'Export CSV: Per period' }));
      const periods = await csv.text();
      const lines = periods.replace(/^\uFEFF/, '').split('\r\n');
      expect(periods.startsWith('\uFEFF')).toBe(true);
      expect(lines[0]).toMatch(/^Period,Conversations in,Tickets in,First response \(median\) \(s\),/);
      expect(lines[3]).toMatch(/^Total,120,10,60,300,3600,7200,50,,,4\.2,80,3,$/);

      fireEvent.click(card(/^Conversations in: 120\./));
      await screen.findByRole('table', { name: 'Counted items' });
      await vi.waitFor(() => expect(screen.getAllByText('Support').length).toBeGreaterThan(0));
      fireEvent.click(screen.getByRole('button', { name: 'Export CSV: Counted items' }));
      const items = (await csv.text()).replace(/^\uFEFF/, '').split('\r\n');
      expect(items[0]).toBe('Day,Type,Came in,Customer / subject,Channel,Status,Team,Agent,,id');
      expect(items[1]).toBe(
        `2026-10-14,Conversation,2026-10-14T09:00:00.000Z,"'=HYPERLINK(""x"")",Web chat,Closed,Support,Mei,,${item(1).id}`,
      );
      expect(items[2]).toContain('"Refund, please"');
    } finally {
      csv.restore();
    }
  });

  it('speaks Chinese', async () => {
    useLang.getState().setLang('zh');
    render(<KpiDashboard api={fakeApi()} scoreApi={fakeScoreApi().api} today={TODAY} />);
    await screen.findByRole('button', { name: /^进线会话: 120/ });
    expect(screen.getByRole('table', { name: '按时段' }));
    expect(screen.getAllByText(/个百分点/).length).toBeGreaterThan(0);
  });
});
