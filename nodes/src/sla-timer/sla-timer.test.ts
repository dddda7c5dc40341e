import { describe, expect, it } from 'vitest';
import { fakeRun } from '../testing/fake-run';
import { slaTimer } from '.';

const NOW = Date.UTC(2026, 0, 5, 2, 0);
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();
const ticket = (snapshot: object) => ({
  getTicket: () => ({ ticketId: 't1', status: 'open', priority: 'normal', ...snapshot }),
});

describe('sla-timer', () => {
  it('takes met as soon as the ticket is solved in time, without waiting for the deadline', async () => {
    const run = await fakeRun(
      slaTimer,
      { ticket: 't1', minutes: 240 },
      {
        now: NOW,
        ticketDoneAfterMs: 30 * 60_000,
        activities: ticket({ status: 'solved', solvedAt: at(30) }),
      },
    );
    expect(run.result.port).toBe('met');
    expect(run.slept).toEqual([30 * 60_000]);
  });

  it('takes breached when the deadline passes first', async () => {
    const run = await fakeRun(slaTimer, { ticket: 't1', minutes: 60 }, { now: NOW, activities: ticket({}) });
    expect(run.result).toMatchObject({ port: 'breached', decision: 'resolution late' });
    expect(run.slept).toEqual([60 * 60_000]);
  });

  it('measures the first response when asked to', async () => {
    const late = await fakeRun(
      slaTimer,
      { ticket: 't1', minutes: 10, target: 'first-response' },
      {
        now: NOW,
        activities: ticket({ firstResponseAt: at(11), solvedAt: at(5) }),
      },
    );
    expect(late.result.port).toBe('breached');
    const met = await fakeRun(
      slaTimer,
      { ticket: 't1', minutes: 10, target: 'first-response' },
      {
        now: NOW,
        ticketDoneAfterMs: 60_000,
        activities: ticket({ firstResponseAt: at(1) }),
      },
    );
    expect(met.result.port).toBe('met');
  });

  describe('counting business hours', () => {
    // Friday 2026-01-09 17:00 in Shanghai (09:00 UTC): one hour before closing.
    const FRIDAY_5PM = Date.UTC(2026, 0, 9, 9, 0);
    const HOUR = 60 * 60_000;

    it("counts only the shop's open time: 2 hours from Friday 17:00 fall due Monday 10:00", async () => {
      const run = await fakeRun(
        slaTimer,
        { ticket: 't1', minutes: 120, clock: 'business-hours' },
        {
          now: FRIDAY_5PM,
          activities: ticket({}),
        },
      );
      // Friday 17:00–18:00, then Monday 09:00–10:00: 65 hours of calendar time.
      expect(run.slept).toEqual([65 * HOUR]);
      expect(run.result.port).toBe('breached');
    });

    it("follows the shop's own hours and holidays, in its time zone", async () => {
      const workspace = {
        timeZone: 'Asia/Shanghai',
        schedule: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((day) => ({
          day,
          open: '10:00',
          close: '20:00',
        })),
        holidays: ['2026-01-10'],
      };
      const run = await fakeRun(
        slaTimer,
        { ticket: 't1', minutes: 240, clock: 'business-hours' },
        {
          now: FRIDAY_5PM,
          facts: { workspace },
          activities: ticket({}),
        },
      );
      // Friday 17:00–20:00 (3 h); Saturday is a holiday, Sunday closed; Monday 10:00–11:00.
      expect(run.slept).toEqual([66 * HOUR]);
    });

    it('is met by a solve on Monday morning that calendar minutes would call late', async () => {
      const solvedMonday = new Date(FRIDAY_5PM + 64.5 * HOUR).toISOString();
      const business = await fakeRun(
        slaTimer,
        { ticket: 't1', minutes: 120, clock: 'business-hours' },
        {
          now: FRIDAY_5PM,
          ticketDoneAfterMs: 64.5 * HOUR,
          activities: ticket({ status: 'solved', solvedAt: solvedMonday }),
        },
      );
      expect(business.result.port).toBe('met');
      const calendar = await fakeRun(
        slaTimer,
        { ticket: 't1', minutes: 120 },
        {
          now: FRIDAY_5PM,
          activities: ticket({ status: 'solved', solvedAt: solvedMonday }),
        },
      );
      expect(calendar.result.port).toBe('breached');
    });

    it('falls back to calendar minutes when the schedule never opens', async () => {
      const never = {
        timeZone: 'Asia/Shanghai',
        schedule: [{ day: 'mon', open: '10:00', close: '10:00' }],
        holidays: [],
      };
      const run = await fakeRun(
        slaTimer,
        { ticket: 't1', minutes: 30, clock: 'business-hours' },
        {
          now: FRIDAY_5PM,
          facts: { workspace: never },
          activities: ticket({}),
        },
      );
      expect(run.slept).toEqual([30 * 60_000]);
    });
  });

  it('is breached when the ticket cannot be found', async () => {
    const run = await fakeRun(
      slaTimer,
      { ticket: 'nope', minutes: 1 },
      { activities: { getTicket: () => null } },
    );
    expect(run.result).toMatchObject({ port: 'breached', decision: 'ticket not found' });
  });
});
