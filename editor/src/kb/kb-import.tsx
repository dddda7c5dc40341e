import { useRef, useState } from 'react';
import type { KbImportReportWire } from '@kefu/schemas/api';
import { ApiError } from '../shared/http';
import type { KbApi } from './kb-api';
import { useKbWords } from './words';
import { ActionFailed } from '../shared/row-actions';

/**
 * Import (a file picker; the API keeps every good row and reports each bad one with its row and
 * field) and export (links the browser downloads with the session cookie).
 */
export function KbImport({ api, onImported }: { api: KbApi; onImported(): void }) {
  const { t } = useKbWords();
  const input = useRef<HTMLInputElement | null>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<KbImportReportWire | null>(null);
  const [error, setError] = useState<string | null>(null);

  const upload = async (file: File) => {
    const format = /\.json$/i.test(file.name) ? 'json' : /\.csv$/i.test(file.name) ? 'csv' : null;
    setReport(null);
    setError(null);
    if (!format) {
      setError(t('badFileType'));
      return;
    }
    setBusy(true);
    try {
      const result = await api.importFile(format, await base64Of(file));
      setReport(result);
      if (result.imported > 0) onImported();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <section className="kb-io" aria-labelledby="kb-io-title">
      <h2 id="kb-io-title">{t('importTitle')}</h2>
      <p className="muted small">{t('importHint')}</p>
      <div className="settings-actions">
        <label className="kb-file">
          {t('importFile')}
          <input
            ref={input}
            type="file"
            accept=".csv,.json,text/csv,application/json"
            disabled={busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void upload(file);
            }}
          />
        </label>
        <a href={api.exportHref('csv')} download>
          {t('exportCsv')}
        </a>
        <a href={api.exportHref('json')} download>
          {t('exportJson')}
        </a>
      </div>
      {busy && (
        <p role="status" className="muted">
          {t('importing')}
        </p>
      )}
      <ActionFailed lead={t('actionFailed')} error={error} />
      {report && (
        <div role="status">
          <p>
            {t('imported')} {report.imported}
          </p>
          {report.problems.length > 0 && (
            <table className="list-table" aria-label={t('problems')}>
              <caption>{t('problems')}</caption>
              <thead>
                <tr>
                  <th>{t('row')}</th>
                  <th>{t('field')}</th>
                  <th>{t('problem')}</th>
                </tr>
              </thead>
              <tbody>
                {report.problems.map((p, i) => (
                  <tr key={i}>
                    <td>{p.row ?? t('wholeFile')}</td>
                    <td>{p.field ?? '—'}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}

/** The file's bytes as base64: the API checks the encoding itself, so nothing is decoded here. */
function base64Of(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsDataURL(file);
  });
}
