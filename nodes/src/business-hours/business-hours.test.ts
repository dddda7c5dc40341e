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

  it("uses the workspace's hours and holidays when its own schedule is empty, its own when it has one", async () => {
    const { fakeRun } = await import('../testing/fake-run');
    const { businessHours } = await import('.');
    const workspace = {
      timeZone: 'Asia/Shanghai',
      schedule: [{ day: 'tue', open: '09:00', close: '18:00' }],
      holidays: ['2026-01-13'],
    };
    const run = (config: object, now: number) => fakeRun(businessHours, config, { now, facts: { workspace } });
    // Tuesday 2026-01-06 10:00 in Shanghai: open by the workspace's Tuesday hours.
    expect((await run({ schedule: [], holidays: [] }, Date.UTC(2026, 0, 6, 2))).result.port).toBe('open');
    // Tuesday 2026-01-13 is the workspace's holiday.
    expect((await run({ schedule: [], holidays: [] }, Date.UTC(2026, 0, 13, 2))).result.port).toBe('closed');
    // A step with Monday-only hours of its own ignores the workspace's Tuesday.
    expect((await run({ schedule: [{ day: 'mon', open: '09:00', close: '18:00' }] }, Date.UTC(2026, 0, 6, 2))).result.port).toBe(
      'closed',
    );
    // No hours anywhere: closed.
    expect((await fakeRun(businessHours, { schedule: [] }, { now: Date.UTC(2026, 0, 6, 2) })).result.port).toBe('closed');
  });

  it('is closed on a holiday and on days without hours', () => {
    expect(isOpen(config, Date.UTC(2026, 0, 12, 2, 0))).toBe(false);
    expect(isOpen(config, Date.UTC(2026, 0, 6, 2, 0))).toBe(false);
  });
});
