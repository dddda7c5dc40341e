import { describe, expect, it } from 'vitest';
import { addBusinessMinutes } from './business-time';

const weekdays = (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, open: '09:00', close: '18:00' }));
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('addBusinessMinutes', () => {
  const utc = { timeZone: 'UTC', schedule: weekdays, holidays: [] };

  it('counts straight through when the shop is open long enough', () => {
    // Monday 2026-01-05 10:00 UTC + 2 h
    expect(iso(addBusinessMinutes(Date.UTC(2026, 0, 5, 10), 120, utc))).toBe('2026-01-05T12:00:00.000Z');
  });

  it('carries what is left of Friday over the weekend to Monday morning', () => {
    // Friday 2026-01-09 17:00 UTC + 4 h: 1 h on Friday, 3 h on Monday from 09:00
    expect(iso(addBusinessMinutes(Date.UTC(2026, 0, 9, 17), 240, utc))).toBe('2026-01-12T12:00:00.000Z');
  });

  it('starts counting at the next opening when created at night or on a weekend', () => {
    // Saturday 2026-01-10 23:30 UTC + 30 min -> Monday 09:30
    expect(iso(addBusinessMinutes(Date.UTC(2026, 0, 10, 23, 30), 30, utc))).toBe('2026-01-12T09:30:00.000Z');
  });

  it('skips a holiday', () => {
    const withHoliday = { ...utc, holidays: ['2026-01-12'] };
    // Friday 17:00 + 4 h with Monday off: 1 h Friday, 3 h Tuesday
    expect(iso(addBusinessMinutes(Date.UTC(2026, 0, 9, 17), 240, withHoliday))).toBe('2026-01-13T12:00:00.000Z');
  });

  it("reads opening hours in the schedule's time zone", () => {
    const shanghai = { timeZone: 'Asia/Shanghai', schedule: weekdays, holidays: [] };
    // Monday 2026-01-05 09:00 UTC is 17:00 in Shanghai: 1 h today, then Tuesday 09:00 Shanghai = 01:00 UTC
    expect(iso(addBusinessMinutes(Date.UTC(2026, 0, 5, 9), 90, shanghai))).toBe('2026-01-06T01:30:00.000Z');
  });

  it('uses the fallback zone when the schedule names none, and keeps seconds', () => {
    const noZone = { schedule: weekdays, holidays: [] };
    // Monday 2026-01-05 08:59:30 in New York (EST, UTC-5) + 1 min: opens at 09:00 -> 09:01 local
    const start = Date.UTC(2026, 0, 5, 13, 59, 30);
    expect(iso(addBusinessMinutes(start, 1, noZone, 'America/New_York'))).toBe('2026-01-05T14:01:00.000Z');
    expect(iso(addBusinessMinutes(Date.UTC(2026, 0, 5, 14, 0, 30), 1, noZone, 'America/New_York'))).toBe(
      '2026-01-05T14:01:30.000Z',
    );
  });

  it('counts across a daylight-saving change in local hours', () => {
    const ny = { timeZone: 'America/New_York', schedule: weekdays, holidays: [] };
    // Friday 2026-03-06 17:00 EST (22:00 UTC) + 2 h: 1 h Friday, 1 h Monday 2026-03-09 from 09:00 EDT (13:00 UTC)
    expect(iso(addBusinessMinutes(Date.UTC(2026, 2, 6, 22), 120, ny))).toBe('2026-03-09T14:00:00.000Z');
  });

  it('answers null for a schedule that never opens', () => {
    expect(addBusinessMinutes(Date.UTC(2026, 0, 5), 60, { timeZone: 'UTC', schedule: [], holidays: [] })).toBeNull();
  });
});
