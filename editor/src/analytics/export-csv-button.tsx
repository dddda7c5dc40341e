import { maskPii } from '@kefu/runtime/pii';
import { downloadCsv, type CsvCell } from '../shared/csv';
import { useAnalyticsWords } from './words';

/**
 * "Export CSV" beside a table of the analytics area: the rows as shown (names, not ids), read when
 * clicked so the file holds what is on screen then. Personal data in them (a customer's phone or
 * email in the run explorer) is always masked, whoever exports (docs/privacy.md): the same
 * detector as the API's (`@kefu/runtime/pii`, pure code).
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
      onClick={() => downloadCsv(name, maskedRows(rows()))}
    >
      {t('exportCsv')}
    </button>
  );
}

/** Every text cell with the personal data in it masked. */
export function maskedRows(rows: readonly (readonly CsvCell[])[]): CsvCell[][] {
  return rows.map((row) => row.map((cell) => (typeof cell === 'string' ? maskPii(cell) : cell)));
}
