import { changeOf, type KpiDef } from './kpi-defs';
import { formatChange, formatValue } from './kpi-format';
import { useDashboardWords } from './words';

/**
 * A figure's change from the previous period: an arrow for the direction, coloured by whether
 * that is better or worse for this KPI (lower first response is better), and the same said in
 * words for screen readers.
 */
export function KpiChange({ def, now, before }: { def: KpiDef; now: number | null; before: number | null }) {
  const { t, lang } = useDashboardWords();
  const change = changeOf(def, now, before);
  if (change.direction === null) return <span className="kpi-change neutral">{t('noCompare')}</span>;
  const arrow = change.direction === 'up' ? '▲' : change.direction === 'down' ? '▼' : '＝';
  // From nothing there is no percentage: say from what.
  const amount = change.delta === null ? t('fromZero') : formatChange(change, def.format, lang);
  const said =
    change.direction === 'same'
      ? t('noChange')
      : `${t(change.direction)} ${amount}` + (change.verdict === 'neutral' ? '' : `, ${t(change.verdict)}`);
  return (
    <span
      className={`kpi-change ${change.verdict}`}
      data-direction={change.direction}
      title={`${t('previousWas')}: ${formatValue(before, def.format, lang)}`}
    >
      <span aria-hidden="true">
        {arrow} {change.direction === 'same' ? t('noChange') : amount}
      </span>
      <span className="sr-only">
        {said} ({t('previousWas')} {formatValue(before, def.format, lang)})
      </span>
    </span>
  );
}
