import { describe, expect, it } from 'vitest';
import { localTime, zonedTimeToEpoch } from './clock';

describe('zonedTimeToEpoch', () => {
  it('reads a wall-clock time in its zone', () => {
    expect(zonedTimeToEpoch('2026-12-05', '23:00', 'Asia/Shanghai')).toBe(Date.UTC(2026, 11, 5, 15, 0));
    expect(zonedTimeToEpoch('2026-07-01', '09:30', 'America/New_York')).toBe(Date.UTC(2026, 6, 1, 13, 30));
    const at = zonedTimeToEpoch('2026-03-29', '12:00', 'Europe/Berlin')!;
    expect(localTime(at, 'Europe/Berlin')).toMatchObject({
      date: '2026-03-29',
      hour: 12,
      minute: 0,
      weekday: 'sun',
    });
  });
  it('reads a time skipped by a daylight-saving change as an hour beside it', () => {
    const at = zonedTimeToEpoch('2026-03-08', '02:30', 'America/New_York')!;
    expect([1, 3]).toContain(localTime(at, 'America/New_York')!.hour);
  });
  it('refuses an unknown zone and a date that does not exist', () => {
    expect(zonedTimeToEpoch('2026-12-05', '23:00', 'Mars/Olympus')).toBeNull();
    expect(zonedTimeToEpoch('2026-02-30', '10:00', 'UTC')).toBeNull();
  });
});
