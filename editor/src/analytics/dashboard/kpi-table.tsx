import type { Kpis } from '@kefu/schemas/api';
import type { CsvCell } from '../../shared/csv';
import { ExportCsvButton } from '../export-csv-button';
import { KPI_DEFS, type KpiDef } from './kpi-defs';
import { formatValue } from './kpi-format';
import { KpiChange } from './kpi-change';
import { useDashboardWords } from './words';

export interface KpiRow {
  key: string;
  label: string;
  kpis: Kpis;
  /** The previous period's figures of this row: shown as each cell's change. */
  previous?: Kpis;
  /** What the drill-down of a cell of this row lists: the row's dimension value and days. */
  dim: string;
  from: string;
  to: string;
}

/** The CSV value of a figure: seconds and rates as plain numbers (rates in %), never formatted text. */
const csvValue = (def: KpiDef, k: Kpis): CsvCell => {
  const v = def.value(k);
  if (v === null) return null;
  return def.format === 'rate'
    ? Math.round(v * 1000) / 10
    : def.format === 'score'
      ? Math.round(v * 100) / 100
      : v;
};

/**
 * A table of the KPIs, one row per period or per breakdown value: the charts' text alternative and
 * the breakdown. Every cell is a button that lists the conversations behind it.
 */
export function KpiTable({
  title,
  rowHeader,
  rows,
  csvName,
  onPick,
}: {
  title: string;
  rowHeader: string;
  rows: KpiRow[];
  csvName: string;
  onPick(def: KpiDef, row: KpiRow): void;
}) {
  const { t, lang } = useDashboardWords();
  const unit = (def: KpiDef) => (def.format === 'seconds' ? ' (s)' : def.format === 'rate' ? ' (%)' : '');
  const csv = () => [
    [rowHeader, ...KPI_DEFS.map((d) => `${t(d.key)}${unit(d)}`)],
    ...rows.map((r) => [r.label, ...KPI_DEFS.map((d) => csvValue(d, r.kpis))]),
  ];
  return (
    <section className="kpi-table-section">
      <header className="kpi-table-head">
        <h3>{title}</h3>
        <ExportCsvButton name={csvName} rows={csv} label={title} />
      </header>
      <div className="kpi-table-scroll">
        <table className="list-table kpi-table" aria-label={title}>
          <thead>
            <tr>
              <th scope="col">{rowHeader}</th>
              {KPI_DEFS.map((d) => (
                <th scope="col" key={d.key}>
                  {t(d.key)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row" className="nowrap">
                  {row.label}
                </th>
                {KPI_DEFS.map((def) => (
                  <td key={def.key}>
                    <button
                      type="button"
                      className="kpi-cell"
                      onClick={() => onPick(def, row)}
                      aria-label={`${t('openList')} ${t(def.key)} — ${row.label}: ${formatValue(def.value(row.kpis), def.format, lang)}`}
                    >
                      {formatValue(def.value(row.kpis), def.format, lang)}
                    </button>
                    {row.previous && (
                      <KpiChange def={def} now={def.value(row.kpis)} before={def.value(row.previous)} />
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
