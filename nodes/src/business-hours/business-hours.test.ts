import { describe, expect, it } from 'vitest';
import { nodeCheck, nodeProblems } from '../testing/node-problems';
import { isOpen } from '.';

describe('business-hours', () => {
  it('refuses an unknown time zone', () => {
    expect(nodeProblems('business-hours', { timeZone: 'Mars/Olympus' })).toEqual(nodeCheck('/timeZone'));
  });
  it('refuses closing before opening', () => {
    expect(nodeProblems('business-hours', { schedule: [{ day: 'mon', open: '18:00', close: '09:00' }] })).toEqual(
      nodeCheck('/schedule/0/close'),
    );
  });
  it('refuses a holiday that is not a date', () => {
    expect(nodeProblems('business-hours', { holidays: ['2026-02-30'] })).toEqual(nodeCheck('/holidays/0'));
  });

  const config = {
    timeZone: 'Asia/Shanghai',
    schedule: [{ day: 'mon' as const, open: '09:00', close: '18:00' }],
    holidays: ['2026-01-12'],
  };
  it('is open on Monday 10:00 in Shanghai (02:00 UTC) and closed at 18:00 sharp', () => {
    expect(isOpen(config, Date.UTC(2026, 0, 5, 2, 0))).toBe(true);
    expect(isOpen(config, Date.UTC(2026, 0, 5, 10, 0))).toBe(false);
  });
  it("falls back to the workspace's time zone when the node names none", async () => {
    const { fakeRun } = await import('../testing/fake-run');
    const { businessHours } = await import('.');
    const nine = { schedule: [{ day: 'mon' as const, open: '09:00', close: '18:00' }], holidays: [] };
    // 02:00 UTC on a Monday is 10:00 Monday in Shanghai (open) and 21:00 Sunday in New York (closed).
    const shanghai = await fakeRun(businessHours, nine, { now: Date.UTC(2026, 0, 5, 2), facts: { workspace: { timeZone: 'Asia/Shanghai' } } });
    const newYork = await fakeRun(businessHours, nine, { now: Date.UTC(2026, 0, 5, 2), facts: { workspace: { timeZone: 'America/New_York' } } });
    expect(shanghai.result.port).toBe('open');
    expect(newYork.result.port).toBe('closed');
  });

  it('is closed on a holiday and on days without hours', () => {
    expect(isOpen(config, Date.UTC(2026, 0, 12, 2, 0))).toBe(false);
    expect(isOpen(config, Date.UTC(2026, 0, 6, 2, 0))).toBe(false);
  });
});
