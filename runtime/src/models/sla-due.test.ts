import { describe, expect, it } from 'vitest';
import { dueDatesFor } from './sla-due';

const targets = { normal: { firstResponseMinutes: 60, resolutionMinutes: 8 * 60 }, low: null };
const iso = (d: Date | undefined) => d?.toISOString();

describe('SLA due dates', () => {
  it('counts calendar minutes when the policy is not business-hours only', () => {
    // Friday 2026-01-09 17:00 UTC
    const due = dueDatesFor({ _id: 'p', targets }, 'normal', Date.UTC(2026, 0, 9, 17), 'UTC');
    expect(iso(due.firstResponseDueAt)).toBe('2026-01-09T18:00:00.000Z');
    expect(iso(due.resolutionDueAt)).toBe('2026-01-10T01:00:00.000Z');
    expect(due.slaPolicyId).toBe('p');
  });

  it('carries business minutes over the weekend in the default hours (Mon–Fri 09–18)', () => {
    const due = dueDatesFor({ _id: 'p', targets, businessHoursOnly: true }, 'normal', Date.UTC(2026, 0, 9, 17), 'UTC');
    // 1 h left on Friday: the first response is due at Friday 18:00; resolution takes 7 more hours on Monday.
    expect(iso(due.firstResponseDueAt)).toBe('2026-01-09T18:00:00.000Z');
    expect(iso(due.resolutionDueAt)).toBe('2026-01-12T16:00:00.000Z');
  });

  it("reads the default hours in the workspace's time zone", () => {
    // Friday 2026-01-09 09:00 UTC is 17:00 in Shanghai.
    const due = dueDatesFor({ _id: 'p', targets, businessHoursOnly: true }, 'normal', Date.UTC(2026, 0, 9, 9), 'Asia/Shanghai');
    expect(iso(due.firstResponseDueAt)).toBe('2026-01-09T10:00:00.000Z');
    // 1 h Friday, 7 h Monday from 09:00 Shanghai (01:00 UTC) -> 08:00 UTC
    expect(iso(due.resolutionDueAt)).toBe('2026-01-12T08:00:00.000Z');
  });

  it("uses the policy's own hours, zone and holidays", () => {
    const policy = {
      _id: 'p',
      targets,
      businessHoursOnly: true,
      businessHours: {
        timeZone: 'America/New_York',
        schedule: (['mon', 'tue'] as const).map((day) => ({ day, open: '10:00', close: '12:00' })),
        holidays: ['2026-01-12'],
      },
    };
    // Friday 2026-01-09 (closed in this schedule): Monday is a holiday, so Tuesday 10:00 EST (15:00 UTC) + 1 h
    const due = dueDatesFor(policy, 'normal', Date.UTC(2026, 0, 9, 17), 'UTC');
    expect(iso(due.firstResponseDueAt)).toBe('2026-01-13T16:00:00.000Z');
    // 8 h at 2 h a day: Tue 13th, Mon 19th, Tue 20th, Mon 26th -> Monday 26th 12:00 EST
    expect(iso(due.resolutionDueAt)).toBe('2026-01-26T17:00:00.000Z');
  });

  it("uses the workspace's hours and holidays when the policy has none; its own hours win", () => {
    const workspace = {
      schedule: (['mon', 'tue'] as const).map((day) => ({ day, open: '10:00', close: '12:00' })),
      holidays: ['2026-01-12'],
    };
    const policy = { _id: 'p', targets, businessHoursOnly: true };
    // Friday 17:00 UTC: closed until Tuesday 10:00 UTC (Monday is the workspace's holiday), + 1 h.
    const due = dueDatesFor(policy, 'normal', Date.UTC(2026, 0, 9, 17), 'UTC', workspace);
    expect(iso(due.firstResponseDueAt)).toBe('2026-01-13T11:00:00.000Z');
    // A policy with hours of its own (Friday 09-18) ignores the workspace's.
    const own = { ...policy, businessHours: { schedule: [{ day: 'fri' as const, open: '09:00', close: '18:00' }] } };
    expect(iso(dueDatesFor(own, 'normal', Date.UTC(2026, 0, 9, 17), 'UTC', workspace).firstResponseDueAt)).toBe(
      '2026-01-09T18:00:00.000Z',
    );
    // An empty workspace schedule (never set) keeps the Mon–Fri default.
    const unset = dueDatesFor(policy, 'normal', Date.UTC(2026, 0, 9, 17), 'UTC', { schedule: [], holidays: [] });
    expect(iso(unset.firstResponseDueAt)).toBe('2026-01-09T18:00:00.000Z');
  });

  it('gives no due dates to a priority without targets', () => {
    expect(dueDatesFor({ _id: 'p', targets }, 'low', Date.UTC(2026, 0, 9), 'UTC')).toEqual({ slaPolicyId: 'p' });
    expect(dueDatesFor({ _id: 'p', targets }, 'urgent', Date.UTC(2026, 0, 9), 'UTC')).toEqual({ slaPolicyId: 'p' });
  });
});
