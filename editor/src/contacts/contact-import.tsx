import { useRef, useState } from 'react';
import type { ContactImportReport } from '@kefu/schemas/api';
import { ApiError } from '../shared/http';
import type { ContactsApi } from './contacts-api';
import { fill, useContactWords } from './words';

/** CSV import for owners: the file goes up as is; the answer says what came in and which lines did not, and why. */
export function ContactImport({ api, onImported }: { api: ContactsApi; onImported(): void }) {
  const { t } = useContactWords();
  const input = useRef<HTMLInputElement | null>(null);
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'busy' }
    | { kind: 'done'; report: ContactImportReport }
    | { kind: 'failed'; message: string }
  >({ kind: 'idle' });

  const upload = async (file: File) => {
    setState({ kind: 'busy' });
    try {
      const report = await api.importCsv(file);
      setState({ kind: 'done', report });
      onImported();
    } catch (err) {
      setState({ kind: 'failed', message: err instanceof ApiError ? err.message : String(err) });
    } finally {
      if (input.current) input.current.value = '';
    }
  };

  return (
    <details className="contact-import">
      <summary>{t('importCsv')}</summary>
      <p className="muted small">{t('importHelp')}</p>
      <label>
        {t('importFile')}{' '}
        <input
          ref={input}
          type="file"
          accept=".csv,text/csv"
          disabled={state.kind === 'busy'}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void upload(file);
          }}
        />
      </label>
      {state.kind === 'busy' && <p role="status">{t('importing')}</p>}
      {state.kind === 'failed' && (
        <p className="error" role="alert">
          {state.message}
        </p>
      )}
      {state.kind === 'done' && (
        <div role="status" className="import-report">
          <p>
            {fill(t('imported'), {
              created: state.report.created,
              updated: state.report.updated,
              problems: state.report.problems.length,
            })}
          </p>
          {state.report.problems.length > 0 && (
            <ul>
              {state.report.problems.map((p, i) => (
                <li key={i}>
                  {p.row === null ? t('wholeFile') : `${t('row')} ${p.row}`}
                  {p.field ? ` · ${p.field}` : ''}: {p.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </details>
  );
}
