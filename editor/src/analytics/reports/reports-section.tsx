import { useState } from 'react';
import { ApiError } from '../../shared/http';
import { LoadState } from '../../shared/load-state';
import { useLoad } from '../../shared/use-load';
import { reportPdfHref, reportsApi, type ReportsApi } from './reports-api';
import { useReportWords } from './words';

/** The analytics section `reports`: the weekly PDFs kept for download, and "generate now". */
export function ReportsSection({ api = reportsApi }: { api?: ReportsApi }) {
  const { t } = useReportWords();
  const loaded = useLoad(() => api.list(), 'reports');
  const [week, setWeek] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const generate = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      const started = await api.generate(week || undefined);
      setError(null);
      setNote(`${t('started')} ${started.week}`);
      loaded.reload();
    } catch (err) {
      setNote(null);
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };

  return (
    <div className="score-section">
      <p className="muted">{t('intro')}</p>
      <form className="score-range" aria-label={t('generate')} onSubmit={(e) => void generate(e)}>
        <label>
          {t('generateWeek')}
          <input
            value={week}
            placeholder={`${t('lastWeek')} (2026-W49)`}
            pattern="\d{4}-W\d{2}"
            onChange={(e) => setWeek(e.target.value)}
          />
        </label>
        <button type="submit">{t('generate')}</button>
        <button type="button" onClick={loaded.reload}>
          {t('refresh')}
        </button>
      </form>
      {note && (
        <p role="status" className="muted">
          {note}
        </p>
      )}
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      <LoadState
        loaded={loaded}
        words={{ loading: t('loading'), failed: t('loadFailed'), retry: t('retry') }}
      >
        {(items) =>
          items.length === 0 ? (
            <p className="muted">{t('empty')}</p>
          ) : (
            <table className="reports-table">
              <thead>
                <tr>
                  <th>{t('week')}</th>
                  <th>{t('days')}</th>
                  <th>{t('score')}</th>
                  <th>{t('pages')}</th>
                  <th>{t('mail')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {items.map((r) => (
                  <tr key={r.id} aria-label={r.week}>
                    <th scope="row">{r.week}</th>
                    <td>
                      {r.from} – {r.to}
                    </td>
                    <td>{r.score ?? '—'}</td>
                    <td>{r.pages}</td>
                    <td>{t(r.mail)}</td>
                    <td>
                      <a href={reportPdfHref(r.id)} download>
                        {t('download')}
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </LoadState>
    </div>
  );
}
