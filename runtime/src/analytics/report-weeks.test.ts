import { describe, expect, it } from 'vitest';
import { daysOfWeek, isoWeekOf, lastWeekIn } from './report-weeks';

describe('ISO weeks', () => {
  it('names the week a day is in, the Thursday deciding the year', () => {
    expect(isoWeekOf('2026-12-07')).toBe('2026-W50');
    expect(isoWeekOf('2026-12-13')).toBe('2026-W50');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53'); // 2026 has 53 weeks
    expect(isoWeekOf('2025-12-29')).toBe('2026-W01');
  });
  it('gives a week its Monday and Sunday, and refuses one that does not exist', () => {
    expect(daysOfWeek('2026-W50')).toEqual({ from: '2026-12-07', to: '2026-12-13' });
    expect(daysOfWeek('2026-W01')).toEqual({ from: '2025-12-29', to: '2026-01-04' });
    expect(daysOfWeek('2025-W53')).toBeNull();
    expect(daysOfWeek('2026-50')).toBeNull();
  });
  it("last week is the workspace's: Monday 02:00 in Shanghai is still Sunday in UTC", () => {
    const at = new Date('2026-12-06T18:00:00Z');
    expect(lastWeekIn('Asia/Shanghai', at)).toBe('2026-W49');
    expect(lastWeekIn('UTC', at)).toBe('2026-W48');
  });
});
