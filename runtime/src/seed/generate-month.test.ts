import { describe, expect, it } from 'vitest';
import { planMonth } from './generate-month';
import { planPresence } from './generate-presence';

/** The generated month is reproducible: what it will write is drawn from its seed alone. */
describe('planMonth', () => {
  const options = { conversations: 2_000, start: '2026-10-01', days: 30, contacts: 500 };

  it('draws the same month from the same seed, and another from another', () => {
    expect(planMonth({ ...options, seed: 7 })).toEqual(planMonth({ ...options, seed: 7 }));
    expect(planMonth({ ...options, seed: 8 })).not.toEqual(planMonth({ ...options, seed: 7 }));
  });

  it('has every kind of activity the KPIs count, on both flow versions and channels, inside the month', () => {
    const plans = planMonth({ ...options, seed: 7 });
    const first = Date.parse('2026-10-01T00:00:00Z');
    expect(plans.every((p) => p.at >= first && p.at < first + 30 * 86_400_000)).toBe(true);
    const share = (f: (p: (typeof plans)[number]) => boolean) => plans.filter(f).length / plans.length;
    expect(share((p) => p.version === 2)).toBeGreaterThan(0.4);
    expect(share((p) => p.channel === 'email')).toBeGreaterThan(0.2);
    expect(share((p) => p.bot?.closeAfter != null)).toBeGreaterThan(0.1);
    expect(share((p) => p.person?.resolveAfter != null)).toBeGreaterThan(0.3);
    expect(share((p) => p.person?.reopenAfter != null)).toBeGreaterThan(0);
    expect(share((p) => p.rating !== null)).toBeGreaterThan(0.2);
    expect(share((p) => p.ticket?.reopenAfter != null)).toBeGreaterThan(0);
  });
});

describe('planPresence', () => {
  const options = { agents: 8, start: '2026-10-01', days: 30 };
  const HOUR = 3_600_000;

  it('draws the same shifts from the same seed, never overlapping for an agent, many across midnight in Shanghai', () => {
    expect(planPresence({ ...options, seed: 7 })).toEqual(planPresence({ ...options, seed: 7 }));
    const spans = planPresence({ ...options, seed: 7 });
    expect(spans.length).toBeGreaterThan(8 * 30 * 0.7);
    for (let a = 0; a < 8; a++) {
      const mine = spans.filter((s) => s.agent === a).sort((x, y) => x.from - y.from);
      for (const [k, s] of mine.entries()) {
        expect(s.to).toBeGreaterThan(s.from);
        if (k > 0) expect(s.from).toBeGreaterThan(mine[k - 1]!.to);
      }
    }
    // 16:00 UTC is midnight in Shanghai.
    const acrossMidnight = spans.filter(
      (s) => (s.from % (24 * HOUR)) / HOUR < 16 && (s.to % (24 * HOUR)) / HOUR > 16,
    );
    expect(acrossMidnight.length).toBeGreaterThan(20);
    const last = Date.parse('2026-10-31T00:00:00Z');
    expect(spans.every((s) => s.to < last)).toBe(true);
  });
});
