import { describe, expect, it } from 'vitest';
import { planMonth } from './generate-month';

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
