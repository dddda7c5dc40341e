import type { SplitComparison } from '@kefu/schemas/api';

export type SplitMetric = 'botResolvedRate' | 'handedToPersonRate' | 'csatAverage' | 'csatPositiveShare';
type Words = (key: 'pts' | 'ci' | 'moreThanChance' | 'chance' | 'notEnough') => string;

const signed = (n: number, digits: number) => {
  const s = n.toFixed(digits);
  return n > 0 && Number(s) !== 0 ? `+${s}` : Number(s) === 0 ? (0).toFixed(digits) : s;
};

/** A difference as read aloud: rates in percentage points, CSAT in rating points. */
export function formatDifference(metric: SplitMetric, c: SplitComparison, t: Words): string {
  const rate = metric !== 'csatAverage';
  const f = (n: number) => (rate ? signed(n * 100, 0) : signed(n, 2));
  const unit = rate ? ` ${t('pts')}` : '';
  const p = c.pAdjusted < 0.001 ? 'p < 0.001' : `p = ${c.pAdjusted.toFixed(3)}`;
  return `${f(c.diff)}${unit}, ${t('ci')} ${f(c.low)}..${f(c.high)}, ${p}`;
}

/** The plain-language verdict: more than chance, not yet, or not enough data to say. */
export function verdictOf(c: SplitComparison | null, enough: boolean, t: Words): string {
  if (!c || !enough) return t('notEnough');
  return c.significant ? t('moreThanChance') : t('chance');
}
