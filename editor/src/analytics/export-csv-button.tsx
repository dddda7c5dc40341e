import { downloadCsv, type CsvCell } from '../shared/csv';
import { useAnalyticsWords } from './words';

/**
 * "Export CSV" beside a table of the analytics area: the rows as shown (names, not ids), read when
 * clicked so the file holds what is on screen then.
 */
export function ExportCsvButton({
  name,
  rows,
  label,
}: {
  name: string;
  rows: () => CsvCell[][];
  /** What the table is, for screen readers: "Export CSV: Per team". */
  label: string;
}) {
  const { t } = useAnalyticsWords();
  return (
    <button
      type="button"
      className="export-csv"
      aria-label={`${t('exportCsv')}: ${label}`}
      onClick={() => downloadCsv(name, rows())}
    >
      {t('exportCsv')}
    </button>
  );
}
