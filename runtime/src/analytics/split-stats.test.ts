import { describe, expect, it } from 'vitest';
import { compareMeans, compareProportions, fisherExact, holm, tCritical, tTwoSided } from './split-stats';

/** Sums of a list of ratings, as the rollups keep them. */
const sums = (xs: number[]) => ({
  count: xs.length,
  sum: xs.reduce((a, b) => a + b, 0),
  sumSq: xs.reduce((a, b) => a + b * b, 0),
});

// Reference values are computed independently of this code: the published worked examples named
// beside each, and Python's standard library (math.comb for exact hypergeometric sums,
// statistics.NormalDist for the normal tail, Simpson's rule on the t density for the t tail).
describe('split statistics', () => {
  it('Fisher exact, two-sided: the lady tasting tea and small tables', () => {
    expect(fisherExact(3, 4, 1, 4)).toBeCloseTo(0.4857142857, 8); // Fisher 1935
    expect(fisherExact(6, 8, 1, 5)).toBeCloseTo(0.1025641026, 8); // SciPy fisher_exact docs' table
    expect(fisherExact(0, 10, 5, 10)).toBeCloseTo(0.0325077399, 8);
  });

  it('two proportions: Newcombe (1998) example, 56/70 vs 48/80, and a z-test', () => {
    const d = compareProportions(48, 80, 56, 70)!;
    expect(d.test).toBe('z');
    expect(d.diff).toBeCloseTo(0.2, 10);
    expect(d.low).toBeCloseTo(0.0524, 4); // Newcombe's method 10: 0.0524 to 0.3339
    expect(d.high).toBeCloseTo(0.3339, 4);
    expect(d.p).toBeCloseTo(0.008045081, 6);
    const e = compareProportions(120, 400, 150, 400)!;
    expect(e.p).toBeCloseTo(0.0248911006, 6);
  });

  it('small expected counts take Fisher exact', () => {
    const d = compareProportions(0, 10, 5, 10)!;
    expect(d.test).toBe('fisher');
    expect(d.p).toBeCloseTo(0.0325077399, 8);
    expect(d.low).toBeGreaterThan(0);
  });

  it('unhappy cases: zero counts, all equal, an empty branch', () => {
    const none = compareProportions(0, 10, 0, 10)!;
    expect(none.diff).toBe(0);
    expect(none.p).toBe(1);
    expect(none.low).toBeCloseTo(-0.2775328, 6); // an interval, not a point, at 0 %
    expect(none.high).toBeCloseTo(0.2775328, 6);
    const all = compareProportions(50, 50, 40, 40)!;
    expect(all.p).toBe(1);
    expect(all.diff).toBe(0);
    const same = compareProportions(100, 200, 100, 200)!;
    expect(same).toMatchObject({ diff: 0, p: 1, test: 'z' });
    expect(compareProportions(3, 10, 0, 0)).toBeNull();
    expect(compareProportions(0, 0, 3, 10)).toBeNull();
  });

  it('the t distribution: textbook critical values', () => {
    expect(tTwoSided(2.228, 10)).toBeCloseTo(0.0500118, 6);
    expect(tTwoSided(2.0, 10)).toBeCloseTo(0.073388, 6);
    expect(tCritical(0.05, 10)).toBeCloseTo(2.228139, 5);
    expect(tCritical(0.05, 1e6)).toBeCloseTo(1.959966, 4);
  });

  it("Welch's t-test: Wikipedia's example 1 (t 2.46, ν 25.0, p 0.021) and ratings", () => {
    const a1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
    const a2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];
    const d = compareMeans(sums(a1), sums(a2))!;
    expect(d.diff).toBeCloseTo(2.1666667, 6);
    expect(d.p).toBeCloseTo(0.021378, 5);
    // diff ± t(0.975, 24.99) · se, se = diff / t
    const se = 2.166666666666668 / 2.455356398286006;
    expect(d.high - d.diff).toBeCloseTo(tCritical(0.05, 24.98852929) * se, 6);
    expect(d.high - d.diff).toBeCloseTo(2.0596 * se, 3);
    const r = compareMeans(
      sums([5, 4, 4, 3, 5, 2, 4, 5, 3, 4, 1, 5]),
      sums([5, 5, 4, 5, 4, 5, 3, 5, 5, 4, 5, 5, 4, 5]),
    )!;
    expect(r.diff).toBeCloseTo(0.8214286, 6);
    expect(r.p).toBeCloseTo(0.0627535, 5);
  });

  it('means: too few answers, no variance', () => {
    expect(compareMeans(sums([5]), sums([4, 5]))).toBeNull();
    expect(compareMeans(sums([]), sums([4, 5]))).toBeNull();
    expect(compareMeans(sums([4, 4, 4]), sums([4, 4]))).toMatchObject({ diff: 0, p: 1 });
    expect(compareMeans(sums([3, 3, 3]), sums([5, 5]))).toMatchObject({ diff: 2, p: 0 });
  });

  it('Holm: step-down, monotone, capped, nulls kept out', () => {
    expect(holm([0.01, 0.04, 0.03])).toEqual([0.03, 0.06, 0.06].map((x) => expect.closeTo(x, 12)));
    expect(holm([0.2, null, 0.9])).toEqual([0.4, null, 0.9]);
    expect(holm([0.5, 0.9])).toEqual([1, 1]);
    expect(holm([0.02])).toEqual([0.02]);
    expect(holm([])).toEqual([]);
  });
});
