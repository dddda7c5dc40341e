/**
 * The statistics of a random split's comparison (docs/analytics.md, "Random split comparison"):
 * each branch against the first (the control), for rates (two proportions) and for the CSAT mean
 * (Welch's t-test from count, sum and sum of squares). Pure functions, so they are checked against
 * worked examples computed elsewhere (split-stats.test.ts).
 */

/** A difference with its 95 % confidence interval and two-sided p-value (null: not computable). */
export interface Difference {
  diff: number;
  low: number;
  high: number;
  p: number;
  test: 'z' | 'fisher' | 'welch';
}

const Z95 = 1.959963984540054;

/** The complementary error function (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Two-sided p-value of a standard normal statistic. */
export const normalTwoSided = (z: number) => Math.min(1, erfc(Math.abs(z) / Math.SQRT2));

/** ln Γ(x) (Lanczos, g = 7): enough for the beta function's continued fraction. */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The continued fraction of the regularized incomplete beta function (modified Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-14) break;
  }
  return h;
}

/** I_x(a, b), the regularized incomplete beta function. */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2)
    ? (front * betaFraction(a, b, x)) / a
    : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** Two-sided p-value of Student's t with `df` degrees of freedom (df need not be whole). */
export const tTwoSided = (t: number, df: number) => incompleteBeta(df / (df + t * t), df / 2, 0.5);

/** The t value with two-sided p-value `p` (bisection: the p-value falls as t grows). */
export function tCritical(p: number, df: number): number {
  let lo = 0;
  let hi = 1e3;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (tTwoSided(mid, df) > p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Wilson score interval of x successes in n (95 %). */
function wilson(x: number, n: number): [number, number] {
  const p = x / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

const logChoose = (n: number, k: number) => logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);

/**
 * Fisher's exact test, two-sided, of the table [[x1, n1 − x1], [x2, n2 − x2]]: the probability of
 * every table with the same margins no more likely than the one seen (as R and SciPy sum it).
 */
export function fisherExact(x1: number, n1: number, x2: number, n2: number): number {
  const successes = x1 + x2;
  const n = n1 + n2;
  const prob = (k: number) =>
    Math.exp(logChoose(n1, k) + logChoose(n2, successes - k) - logChoose(n, successes));
  const seen = prob(x1);
  let p = 0;
  for (let k = Math.max(0, successes - n2); k <= Math.min(n1, successes); k++) {
    const q = prob(k);
    if (q <= seen * (1 + 1e-7)) p += q;
  }
  return Math.min(1, p);
}

/**
 * The difference of two proportions, branch (x2 of n2) minus control (x1 of n1): the 95 % interval
 * is Newcombe's hybrid score interval (from the two Wilson intervals; sound at 0 % and 100 %, where
 * the textbook Wald interval collapses to a point). The p-value is the pooled two-proportion z-test,
 * or Fisher's exact test when a cell's expected count is under 5 (the z-test's approximation fails
 * there). Null when a branch has no conversations.
 */
export function compareProportions(x1: number, n1: number, x2: number, n2: number): Difference | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const diff = p2 - p1;
  const [l1, u1] = wilson(x1, n1);
  const [l2, u2] = wilson(x2, n2);
  const low = diff - Math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2);
  const high = diff + Math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2);
  const pooled = (x1 + x2) / (n1 + n2);
  const n = n1 + n2;
  const expected = [n1 * pooled, n1 * (1 - pooled), n2 * pooled, n2 * (1 - pooled)];
  if (expected.some((e) => e < 5) && n > 0) {
    return { diff, low, high, p: fisherExact(x1, n1, x2, n2), test: 'fisher' };
  }
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return { diff, low, high, p: se === 0 ? 1 : normalTwoSided(diff / se), test: 'z' };
}

/** A group's ratings summed as the rollups keep them. */
export interface MeanSums {
  count: number;
  sum: number;
  sumSq: number;
}

/**
 * Welch's t-test of two means from their sums (branch minus control), with the 95 % interval on
 * the Welch–Satterthwaite degrees of freedom. Null when a group has fewer than two values. When
 * neither group varies the difference is exact: p is 1 if the means are equal, else 0.
 */
export function compareMeans(a: MeanSums, b: MeanSums): Difference | null {
  if (a.count < 2 || b.count < 2) return null;
  const mean = (g: MeanSums) => g.sum / g.count;
  const variance = (g: MeanSums) => Math.max(0, (g.sumSq - (g.sum * g.sum) / g.count) / (g.count - 1));
  const diff = mean(b) - mean(a);
  const va = variance(a) / a.count;
  const vb = variance(b) / b.count;
  const se = Math.sqrt(va + vb);
  if (se === 0) return { diff, low: diff, high: diff, p: diff === 0 ? 1 : 0, test: 'welch' };
  const df = (va + vb) ** 2 / (va ** 2 / (a.count - 1) + vb ** 2 / (b.count - 1));
  const half = tCritical(0.05, df) * se;
  return { diff, low: diff - half, high: diff + half, p: tTwoSided(diff / se, df), test: 'welch' };
}

/**
 * Holm's step-down adjustment of p-values (family-wise error ≤ 5 % across a split's branches):
 * the i-th smallest of m is multiplied by m − i + 1, kept monotone, capped at 1. Nulls stay null
 * and do not count in m.
 */
export function holm(ps: (number | null)[]): (number | null)[] {
  const order = ps
    .map((p, i) => ({ p, i }))
    .filter((e): e is { p: number; i: number } => e.p !== null)
    .sort((x, y) => x.p - y.p);
  const m = order.length;
  const out: (number | null)[] = ps.map(() => null);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    out[i] = running;
  });
  return out;
}
