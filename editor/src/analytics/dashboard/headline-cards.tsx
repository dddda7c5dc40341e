import type { Kpis } from '@kefu/schemas/api';
import { KPI_DEFS, kpiDef, type KpiDef } from './kpi-defs';
import { formatValue } from './kpi-format';
import { KpiChange } from './kpi-change';
import { useDashboardWords } from './words';

/** The headline figures of the range, each with its change; a click lists what it counted. */
export function HeadlineCards({
  now,
  before,
  onPick,
}: {
  now: Kpis;
  before: Kpis;
  onPick(def: KpiDef): void;
}) {
  const { t, lang } = useDashboardWords();
  const extra = (def: KpiDef) => {
    const more =
      def.key === 'firstResponseMedian'
        ? kpiDef('firstResponseP90')
        : def.key === 'resolutionMedian'
          ? kpiDef('resolutionP90')
          : def.key === 'csatAverage'
            ? kpiDef('csatPositive')
            : null;
    if (!more) return null;
    const word = more.key === 'csatPositive' ? t('positive') : t('p90');
    return (
      <span className="kpi-extra muted">
        {word} {formatValue(more.value(now), more.format, lang)}
      </span>
    );
  };
  return (
    <section className="kpi-cards" aria-label={t('headlines')}>
      {KPI_DEFS.filter((d) => d.headline).map((def) => (
        <button
          key={def.key}
          type="button"
          className="kpi-card"
          data-kpi={def.key}
          onClick={() => onPick(def)}
          aria-label={`${t(def.key)}: ${formatValue(def.value(now), def.format, lang)}. ${t('openList')} ${t(def.key)}`}
        >
          <span className="kpi-label">{t(def.key)}</span>
          <span className="kpi-value">{formatValue(def.value(now), def.format, lang)}</span>
          <KpiChange def={def} now={def.value(now)} before={def.value(before)} />
          {extra(def)}
        </button>
      ))}
    </section>
  );
}
