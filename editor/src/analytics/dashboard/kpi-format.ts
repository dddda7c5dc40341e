import type { KpiFormat } from './kpi-defs';
import type { Change } from './kpi-defs';

type Lang = 'en' | 'zh';
const locale = (lang: Lang) => (lang === 'zh' ? 'zh-CN' : 'en');

/** A duration in the unit a person reads it in: 45 s, 3.5 min, 2.1 h, 1.3 d. */
export function formatSeconds(s: number, lang: Lang): string {
  const n = (x: number) => x.toLocaleString(locale(lang), { maximumFractionDigits: 1 });
  const units = lang === 'zh' ? ['秒', '分钟', '小时', '天'] : [' s', ' min', ' h', ' d'];
  if (s < 60) return `${n(s)}${units[0]}`;
  if (s < 3600) return `${n(s / 60)}${units[1]}`;
  if (s < 86_400) return `${n(s / 3600)}${units[2]}`;
  return `${n(s / 86_400)}${units[3]}`;
}

export function formatValue(value: number | null, format: KpiFormat, lang: Lang): string {
  if (value === null) return '—';
  switch (format) {
    case 'seconds':
      return formatSeconds(value, lang);
    case 'rate':
      return `${(value * 100).toLocaleString(locale(lang), { maximumFractionDigits: 1 })}%`;
    case 'score':
      return value.toLocaleString(locale(lang), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    default:
      return value.toLocaleString(locale(lang));
  }
}

/** The change as shown beside a figure: +12% (relative) or +3.2 pts (rates, in points). */
export function formatChange(change: Change, format: KpiFormat, lang: Lang): string {
  if (change.delta === null) return '—';
  const sign = change.delta > 0 ? '+' : change.delta < 0 ? '−' : '±';
  const abs = Math.abs(change.delta);
  const n = (x: number) => x.toLocaleString(locale(lang), { maximumFractionDigits: 1 });
  if (format === 'rate') return `${sign}${n(abs)} ${lang === 'zh' ? '个百分点' : 'pts'}`;
  return `${sign}${n(abs * 100)}%`;
}
