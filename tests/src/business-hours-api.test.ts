import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, BusinessHoursSpec, Page, TicketWire } from '@kefu/schemas/api';
import { addMember, signUp, startAccessApp, type AccessApp, type Member } from './access/access-app';

// The workspace's business hours on the real database through `inject`: owners set them, everyone
// reads them, the node's own checks refuse bad ones, and SLA policies without hours count them.
let ctx: AccessApp;
let owner: Member;
let agent: Member;
let other: Member;

const call = async <T>(who: Member, method: string, url: string, payload?: unknown) => {
  const res = await ctx.app.inject({
    method: method as 'GET',
    url,
    headers: { cookie: who.cookie },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
  return { status: res.statusCode, body: JSON.parse(res.body || 'null') as T };
};
const hours: BusinessHoursSpec = {
  timeZone: 'Asia/Shanghai',
  schedule: [
    { day: 'mon', open: '09:00', close: '12:00' },
    { day: 'mon', open: '13:00', close: '18:00' },
    { day: 'sat', open: '10:00', close: '16:00' },
  ],
  holidays: ['2026-10-01'],
};

beforeAll(async () => {
  ctx = await startAccessApp();
  owner = await signUp(ctx.app, 'hours');
  agent = await addMember(ctx.app, owner, ['agent']);
  other = await signUp(ctx.app, 'hours-other');
});
afterAll(async () => await ctx?.stop());

describe('workspace business hours', () => {
  it('starts empty in the workspace time zone', async () => {
    const res = await call<BusinessHoursSpec>(owner, 'GET', '/workspace/business-hours');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ timeZone: 'UTC', schedule: [], holidays: [] });
  });

  it('an owner sets them; the time zone becomes the workspace time zone; agents read them; audited', async () => {
    const put = await call<BusinessHoursSpec>(owner, 'PUT', '/workspace/business-hours', hours);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toEqual(hours);
    expect((await call<BusinessHoursSpec>(agent, 'GET', '/workspace/business-hours')).body).toEqual(hours);
    expect((await call<{ timeZone: string }>(owner, 'GET', '/workspace')).body.timeZone).toBe(
      'Asia/Shanghai',
    );
    const audit = await call<Page<AuditEntry>>(owner, 'GET', '/audit?limit=50');
    const entry = audit.body.items.find((e) => e.action === 'workspace.business-hours');
    expect(entry?.after).toMatchObject({ timeZone: 'Asia/Shanghai', holidays: ['2026-10-01'] });
    // Another workspace's hours are its own.
    expect((await call<BusinessHoursSpec>(other, 'GET', '/workspace/business-hours')).body.schedule).toEqual(
      [],
    );
  });

  it('refuses an agent', async () => {
    const res = await call<{ code: string }>(agent, 'PUT', '/workspace/business-hours', hours);
    expect(res.status).toBe(403);
    expect((await call<BusinessHoursSpec>(owner, 'GET', '/workspace/business-hours')).body).toEqual(hours);
  });

  it.each([
    ['an unknown time zone', { ...hours, timeZone: 'Mars/Olympus' }, 'body/timeZone'],
    [
      'closing before opening',
      { ...hours, schedule: [{ day: 'tue', open: '18:00', close: '09:00' }] },
      'body/schedule/0/close',
    ],
    ['a holiday that is no date', { ...hours, holidays: ['2026-02-30'] }, 'body/holidays/0'],
    ['a holiday not shaped YYYY-MM-DD', { ...hours, holidays: ['1 Oct'] }, 'body/holidays/0'],
    [
      'a day that is no weekday',
      { ...hours, schedule: [{ day: 'mun', open: '09:00', close: '18:00' }] },
      'body/schedule/0/day',
    ],
    [
      'a time like 25:00',
      { ...hours, schedule: [{ day: 'mon', open: '09:00', close: '25:00' }] },
      'body/schedule/0/close',
    ],
  ])('refuses %s with 400 naming the field', async (_what, body, field) => {
    const res = await call<{ code: string; field: string }>(owner, 'PUT', '/workspace/business-hours', body);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.field).toBe(field);
    // Nothing changed.
    expect((await call<BusinessHoursSpec>(owner, 'GET', '/workspace/business-hours')).body).toEqual(hours);
  });

  it('an SLA policy with no hours of its own counts the workspace hours', async () => {
    const policy = await call(owner, 'POST', '/sla-policies', {
      name: 'Shop hours',
      isDefault: true,
      businessHoursOnly: true,
      targets: { normal: { firstResponseMinutes: 60, resolutionMinutes: 600 } },
    });
    expect(policy.status, JSON.stringify(policy.body)).toBe(201);
    const ticket = await call<TicketWire>(owner, 'POST', '/tickets', { subject: 'Where is my parcel' });
    expect(ticket.status).toBe(201);
    // Whenever it is opened, the first response falls due inside the shop's hours: Monday or
    // Saturday in Shanghai, never Tuesday–Friday as the Mon–Fri default would allow.
    const due = new Date(ticket.body.sla?.firstResponseDueAt ?? '');
    const local = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', weekday: 'short' }).format(
      due,
    );
    expect(['Mon', 'Sat']).toContain(local);
  });
});
