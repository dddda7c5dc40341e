import { describe, expect, it } from 'vitest';
import { addDays, dayIn } from './workspace-day';

describe('dayIn', () => {
  // 2026-12-07 17:30 UTC: already the 8th in Shanghai, still the 7th in New York.
  const t = Date.UTC(2026, 11, 7, 17, 30);

  it("names the workspace's day, not UTC's", () => {
    expect(dayIn(t, 'Asia/Shanghai')).toBe('2026-12-08');
    expect(dayIn(t, 'America/New_York')).toBe('2026-12-07');
    expect(dayIn(new Date(t), 'UTC')).toBe('2026-12-07');
  });

  it("falls back to the browser's zone for a zone it does not know", () => {
    expect(dayIn(t, 'Mars/Olympus')).toBe(dayIn(t));
  });

  it('moves days across months and years', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});
