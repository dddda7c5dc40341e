import { describe, expect, it } from 'vitest';
import { decide } from './alert-decision';
import { DEFAULT_ALERT_SETTINGS, readRules, withinHours, type OperationsSnapshot } from './alert-rules';

const calm: OperationsSnapshot = {
  openNow: true,
  waiting: 0,
  longestWaitSeconds: 0,
  agentsOnline: 2,
  openConversations: 3,
  ticketsToday: 10,
  slaBreachesToday: 0,
  csatCount: 4,
  csatAverage: 4.5,
  requests: 100,
  errors: 0,
  worker: 'ok',
};
const allOn = {
  noAgentOnline: { enabled: true, minWaiting: 2 },
  slaBreachRate: { enabled: true, maxPercent: 20 },
  csatDrop: { enabled: true, minAverage: 3.5 },
  errorRate: { enabled: true, maxPercent: 5 },
  workerNotPolling: { enabled: true },
};
const breached = (s: Partial<OperationsSnapshot>, rules = allOn) =>
  readRules(rules, { ...calm, ...s })
    .filter((r) => r.breached)
    .map((r) => r.rule);

describe('alert rules', () => {
  it('reads a calm shop as calm', () => {
    expect(breached({})).toEqual([]);
  });

  it('fires no-agent-online only in business hours, with nobody online and enough customers waiting', () => {
    expect(breached({ agentsOnline: 0, waiting: 2 })).toEqual(['noAgentOnline']);
    expect(breached({ agentsOnline: 0, waiting: 1 })).toEqual([]); // below minWaiting
    expect(breached({ agentsOnline: 1, waiting: 5 })).toEqual([]);
    expect(breached({ agentsOnline: 0, waiting: 5, openNow: false })).toEqual([]);
  });

  it('holds each threshold as a limit, not a trigger: at the limit is fine, past it breaches', () => {
    expect(breached({ slaBreachesToday: 2, ticketsToday: 10 })).toEqual([]); // 20 % of 20 %
    expect(breached({ slaBreachesToday: 3, ticketsToday: 10 })).toEqual(['slaBreachRate']);
    expect(breached({ slaBreachesToday: 0, ticketsToday: 0 })).toEqual([]);
    expect(breached({ csatAverage: 3.5 })).toEqual([]);
    expect(breached({ csatAverage: 3.4 })).toEqual(['csatDrop']);
    expect(breached({ csatAverage: null, csatCount: 0 })).toEqual([]);
    expect(breached({ errors: 5, requests: 100 })).toEqual([]);
    expect(breached({ errors: 6, requests: 100 })).toEqual(['errorRate']);
    // Too few requests say nothing about a rate.
    expect(breached({ errors: 3, requests: 3 })).toEqual([]);
    expect(breached({ worker: 'no worker polled the task queue' })).toEqual(['workerNotPolling']);
  });

  it('reads only the rules that are on', () => {
    const off = Object.fromEntries(
      Object.entries(allOn).map(([k, v]) => [k, { ...v, enabled: false }]),
    ) as unknown as typeof allOn;
    expect(readRules(off, { ...calm, worker: 'down', errors: 100 })).toEqual([]);
    expect(readRules(DEFAULT_ALERT_SETTINGS.rules, calm).map((r) => r.rule)).toEqual([
      'noAgentOnline',
      'workerNotPolling',
    ]);
  });

  it('knows business hours in the shop time zone, holidays closed, and no hours as always open', () => {
    const hours = {
      timeZone: 'Asia/Shanghai',
      schedule: [{ day: 'mon' as const, open: '09:00', close: '18:00' }],
      holidays: ['2026-01-12'],
    };
    expect(withinHours(hours, Date.UTC(2026, 0, 5, 2, 0))).toBe(true); // Mon 10:00 in Shanghai
    expect(withinHours(hours, Date.UTC(2026, 0, 5, 11, 0))).toBe(false); // Mon 19:00
    expect(withinHours(hours, Date.UTC(2026, 0, 12, 2, 0))).toBe(false); // a holiday
    expect(withinHours({ ...hours, schedule: [] }, Date.UTC(2026, 0, 5, 11, 0))).toBe(true);
  });
});

describe('alert state', () => {
  const run = (readings: boolean[]) => {
    let stored: { state: 'firing' | 'resolved'; streak: number } | null = null;
    const notices: string[] = [];
    for (const breachedNow of readings) {
      const next = decide(stored, breachedNow);
      if (next.changed) notices.push(next.changed);
      stored = { state: next.state, streak: next.streak };
    }
    return { notices, state: stored?.state };
  };

  it('fires once after two breached evaluations and stays quiet while the condition lasts', () => {
    expect(run([true, true, true, true, true])).toEqual({ notices: ['fired'], state: 'firing' });
  });

  it('sends one resolved notice after two clear evaluations', () => {
    expect(run([true, true, true, false, false, false])).toEqual({
      notices: ['fired', 'resolved'],
      state: 'resolved',
    });
  });

  it('does not flap: readings that alternate around the threshold change nothing', () => {
    expect(run([true, false, true, false, true, false])).toEqual({ notices: [], state: 'resolved' });
    expect(run([true, true, false, true, false, true, false])).toEqual({
      notices: ['fired'],
      state: 'firing',
    });
  });
});
