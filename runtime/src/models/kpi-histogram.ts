/**
 * Durations for medians and p90s, kept as counts per fixed log-scale bin so that the bins of any
 * days, teams or agents add up exactly (a merged histogram is the histogram of the merged data).
 *
 * Bin `i` holds durations in [2^(i/8), 2^((i+1)/8)) seconds; durations under a second are bin `z`.
 * A quantile is reported as the middle (geometric mean) of its bin, so it is within 2^(1/16) - 1
 * ≈ 4.43 % of the exact value (and within 1 s for bin `z`, reported as 0).
 */
export const BINS_PER_DOUBLING = 8;
/** The largest relative error of a reported quantile of at least 1 s (docs/analytics.md). */
export const QUANTILE_RELATIVE_ERROR = 2 ** (1 / (2 * BINS_PER_DOUBLING)) - 1;

export type Histogram = Record<string, number>;

/** The bin a duration of `seconds` falls in: `z` under 1 s, else `b<i>`. */
export function binOf(seconds: number): string {
  if (!(seconds >= 1)) return 'z';
  return `b${Math.floor(BINS_PER_DOUBLING * Math.log2(seconds))}`;
}

/** The value a bin reports: the geometric middle of its bounds (0 for `z`). */
export function binValue(bin: string): number {
  if (bin === 'z') return 0;
  const i = Number(bin.slice(1));
  return 2 ** ((i + 0.5) / BINS_PER_DOUBLING);
}

function binOrder(bin: string): number {
  return bin === 'z' ? -1 : Number(bin.slice(1));
}

/** Adds `from`'s counts into `into`. */
export function mergeHistogram(into: Histogram, from: Histogram | undefined): Histogram {
  for (const [bin, n] of Object.entries(from ?? {})) into[bin] = (into[bin] ?? 0) + n;
  return into;
}

/**
 * The nearest-rank quantile (the ceil(q·n)-th smallest duration) as its bin's value, in seconds
 * rounded to whole seconds; null for an empty histogram.
 */
export function quantile(h: Histogram, q: number): number | null {
  const bins = Object.entries(h)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => binOrder(a) - binOrder(b));
  const total = bins.reduce((s, [, n]) => s + n, 0);
  if (!total) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const [bin, n] of bins) {
    seen += n;
    if (seen >= rank) return Math.round(binValue(bin));
  }
  return null;
}
