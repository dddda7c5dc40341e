import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KPI_ITEM_KPIS, type KpiItem, type KpiItemsPage, type KpiReport, type Kpis } from '@kefu/schemas/api';
import { generateMonth, type Month } from '@kefu/runtime/generate-month';
import { addMember, signUp, startAccessApp, type AccessApp, type Member } from './access/access-app';

/**
 * The drill-down from a KPI figure (GET /analytics/kpis/items) on a generated fortnight, on the
 * real store with the query audit throwing: for every figure, whole range and per team, agent,
 * channel and flow, the items listed are exactly as many as the figure counts, distinct, and of
 * the row asked; pages follow their cursors; bad input is refused naming the field; agents get 403.
 */
const FROM = '2026-10-01';
const TO = '2026-10-14';

let ctx: AccessApp;
let owner: Member;
let analyst: Member;
let agent: Member;
let month: Month;

beforeAll(async () => {
  ctx = await startAccessApp();
  owner = await signUp(ctx.app, 'kpi-items');
  analyst = await addMember(ctx.app, owner, ['analyst']);
  agent = await addMember(ctx.app, owner, ['agent']);
  month = await generateMonth(ctx.app.models, {
    workspaceId: owner.workspaceId,
    conversations: 120,
    start: FROM,
    days: 14,
  });
}, 600_000);
afterAll(async () => await ctx?.stop());

const get = async <T>(who: Member, url: string) => {
  const res = await ctx.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
  return { status: res.statusCode, body: JSON.parse(res.body) as T };
};

/** Every item of a figure, following the cursors. */
async function allItems(kpi: string, dim: string, from = FROM, to = TO, limit = 100) {
  const items: KpiItem[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const url: string =
      `/analytics/kpis/items?kpi=${kpi}&from=${from}&to=${to}&dim=${encodeURIComponent(dim)}&limit=${limit}` +
      (cursor ? `&cursor=${encodeURIComponent(cursor)}` : '');
    const res = await get<KpiItemsPage>(analyst, url);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
    expect(++pages).toBeLessThan(200);
  } while (cursor);
  return items;
}

/** The figure the dashboard shows for a drill-down KPI. */
const figure = (k: Kpis, kpi: string): number =>
  ({
    conversationsIn: k.conversationsIn,
    ticketsIn: k.ticketsIn,
    askedForPerson: k.askedForPerson,
    gotPerson: k.gotPerson,
    resolved: k.resolved,
    resolution: k.resolution.count,
    botDeflected: k.botDeflected,
    firstResponse: k.firstResponse.count,
    csat: k.csat.count,
    slaBreaches: k.slaBreaches,
    reopened: k.reopened,
    ticketsResolved: k.ticketsResolved,
    ticketsReopened: k.ticketsReopened,
  })[kpi]!;

const distinct = (items: KpiItem[], kpi: string) =>
  new Set(
    items.map(
      (i) =>
        `${i.type}:${i.id}:${kpi === 'slaBreaches' ? i.breach : ''}:${kpi === 'csat' ? i.rating + i.day : ''}`,
    ),
  ).size;

describe('GET /analytics/kpis/items', () => {
  it('lists exactly what each figure counts, for the whole workspace and every row', async () => {
    for (const by of ['all', 'team', 'agent', 'channel', 'flow'] as const) {
      const report = await get<KpiReport>(
        analyst,
        `/analytics/kpis?from=${FROM}&to=${TO}${by === 'all' ? '' : `&by=${by}`}`,
      );
      expect(report.status).toBe(200);
      const rows = report.body.totals.filter((r) => by === 'all' || r.value !== null);
      expect(rows.length).toBeGreaterThan(0);
      if (by === 'all')
        for (const kpi of ['conversationsIn', 'ticketsIn', 'resolved', 'firstResponse', 'csat'])
          expect(figure(rows[0]!.kpis, kpi), kpi).toBeGreaterThan(0);
      // Two rows per dimension keep the test short; every KPI on each.
      for (const row of rows.slice(0, 2)) {
        const dim = by === 'all' ? 'all' : `${by}:${row.value}`;
        for (const kpi of KPI_ITEM_KPIS) {
          const items = await allItems(kpi, dim);
          const expected = figure(row.kpis, kpi);
          expect(items.length, `${kpi} ${dim}`).toBe(expected);
          if (kpi !== 'csat') expect(distinct(items, kpi), `${kpi} ${dim} distinct`).toBe(expected);
          for (const item of items) {
            expect(item.day >= FROM && item.day <= TO).toBe(true);
            if (by === 'team') expect(item.teamId, `${kpi} ${dim}`).toBe(row.value);
            if (by === 'channel') expect(item.channel).toBe(row.value);
          }
        }
      }
    }
  }, 300_000);

  it('pages by cursor, newest day first, each page at most the limit', async () => {
    const whole = await allItems('conversationsIn', 'all');
    const paged = await allItems('conversationsIn', 'all', FROM, TO, 7);
    expect(paged.map((i) => i.id)).toEqual(whole.map((i) => i.id));
    const days = whole.map((i) => i.day);
    expect(days).toEqual([...days].sort().reverse());
    const first = await get<KpiItemsPage>(
      analyst,
      `/analytics/kpis/items?kpi=conversationsIn&from=${FROM}&to=${TO}&limit=7`,
    );
    expect(first.body.items).toHaveLength(7);
    expect(first.body.nextCursor).toBeTruthy();
    // A day's figure lists that day's conversations only.
    const day = whole[0]!.day;
    const oneDay = await allItems('conversationsIn', 'all', day, day);
    expect(oneDay.map((i) => i.id)).toEqual(whole.filter((i) => i.day === day).map((i) => i.id));
    // Durations carry the seconds each took; CSAT the rating.
    const frt = await allItems('firstResponse', 'all');
    expect(frt.every((i) => typeof i.seconds === 'number')).toBe(true);
    const csat = await allItems('csat', 'all');
    expect(csat.every((i) => i.rating! >= 1 && i.rating! <= 5)).toBe(true);
  });

  it('refuses bad input in the one error shape, naming the field', async () => {
    const base = `kpi=resolved&from=${FROM}&to=${TO}`;
    const cases: [string, string][] = [
      [`kpi=resolutionRate&from=${FROM}&to=${TO}`, 'querystring/kpi'],
      [`from=${FROM}&to=${TO}`, 'querystring/kpi'],
      [`kpi=resolved&from=2026-02-30&to=${TO}`, 'querystring/from'],
      [`kpi=resolved&from=yesterday&to=${TO}`, 'querystring/from'],
      [`kpi=resolved&from=${TO}&to=${FROM}`, 'querystring/to'],
      [`kpi=resolved&from=2025-01-01&to=${TO}`, 'querystring/to'],
      [`${base}&dim=team:nope`, 'querystring/dim'],
      [`${base}&dim=channel:fax`, 'querystring/dim'],
      [`${base}&limit=0`, 'querystring/limit'],
      [`${base}&limit=101`, 'querystring/limit'],
      [`${base}&cursor=garbage`, 'querystring/cursor'],
      [`${base}&other=1`, 'querystring/other'],
    ];
    for (const [query, field] of cases) {
      const res = await get<{ field: string }>(analyst, `/analytics/kpis/items?${query}`);
      expect(res.status, `${query}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body, query).toMatchObject({ statusCode: 400, code: 'KEFU_ERR_VALIDATION', field });
    }
    // A cursor of another figure is refused.
    const page = await get<KpiItemsPage>(analyst, `/analytics/kpis/items?${base}&limit=1`);
    const other = await get<{ field: string }>(
      analyst,
      `/analytics/kpis/items?kpi=ticketsIn&from=${FROM}&to=${TO}&cursor=${encodeURIComponent(page.body.nextCursor!)}`,
    );
    expect(other.body).toMatchObject({ statusCode: 400, field: 'querystring/cursor' });
  });

  it('owners and analysts read it; agents are refused', async () => {
    const url = `/analytics/kpis/items?kpi=resolved&from=${FROM}&to=${TO}`;
    expect((await get(owner, url)).status).toBe(200);
    expect((await get(analyst, url)).status).toBe(200);
    expect((await get(agent, url)).status).toBe(403);
    // The agents' names for the breakdown rows: analysts read them here, not from /users.
    const people = await get<{ items: { id: string; name: string }[] }>(analyst, '/analytics/people');
    expect(people.status).toBe(200);
    for (const id of month.agents) expect(people.body.items.map((p) => p.id)).toContain(id);
    expect(people.body.items.every((p) => p.name && !('email' in p))).toBe(true);
    expect((await get(agent, '/analytics/people')).status).toBe(403);
  });
});
