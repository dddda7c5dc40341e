import { useEffect, useRef, useState } from 'react';
import { CONTACT_IMPORT_MAX_BYTES, type ContactImportWire } from '@kefu/schemas/api';
import { ApiError } from '../shared/http';
import type { ContactsApi } from './contacts-api';
import { fill, useContactWords, type ContactWord } from './words';

const POLL_MS = 1000;
const ended = (state: ContactImportWire['state']) => ['done', 'failed', 'cancelled'].includes(state);
const STATE_WORDS: Record<ContactImportWire['state'], ContactWord> = {
  uploading: 'importUploading',
  queued: 'importQueued',
  running: 'importing',
  done: 'importDone',
  failed: 'importFailed',
  cancelled: 'importCancelled',
};

/**
 * CSV import for owners. The file goes up as is and the server imports it in the background; this
 * follows the import (picking up one still running when the page opens) and shows how far it is,
 * what came in, and which lines did not and why. An import can be cancelled while it runs.
 */
export function ContactImport({ api, onImported }: { api: ContactsApi; onImported(): void }) {
  const { t } = useContactWords();
  const input = useRef<HTMLInputElement | null>(null);
  const [job, setJob] = useState<ContactImportWire | null>(null);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Open while an import is followed, and as the owner leaves it (an ended import's report stays).
  const [expanded, setExpanded] = useState(false);
  const imported = useRef(onImported);
  imported.current = onImported;

  useEffect(() => {
    let live = true;
    api
      .latestImport()
      .then(async (latest) => {
        if (latest && !ended(latest.state)) {
          const current = await api.getImport(latest.id);
          if (!live) return;
          setJob(current);
          setExpanded(true);
        }
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [api]);

  useEffect(() => {
    if (!job || ended(job.state)) return;
    const timer = setTimeout(() => {
      api.getImport(job.id).then(
        (next) => {
          setJob(next);
          if (ended(next.state)) imported.current();
        },
        // A missed look (the network blinked): look again on the next tick.
        () => setJob({ ...job }),
      );
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [api, job]);

  const upload = async (file: File) => {
    setUploading(true);
    setError(null);
    try {
      setJob(await api.startImport(file));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setUploading(false);
      if (input.current) input.current.value = '';
    }
  };

  const cancel = async () => {
    if (!job) return;
    try {
      setJob(await api.cancelImport(job.id));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };

  const busy = uploading || (job !== null && !ended(job.state));
  return (
    <details
      className="contact-import"
      open={expanded || busy}
      onToggle={(e) => setExpanded(e.currentTarget.open)}
    >
      <summary>{t('importCsv')}</summary>
      <p className="muted small">
        {fill(t('importHelp'), { mb: Math.round(CONTACT_IMPORT_MAX_BYTES / (1024 * 1024)) })}
      </p>
      <label>
        {t('importFile')}{' '}
        <input
          ref={input}
          type="file"
          accept=".csv,text/csv"
          disabled={busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void upload(file);
          }}
        />
      </label>
      {uploading && <p role="status">{t('importUploading')}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {job && <ImportProgress job={job} onCancel={() => void cancel()} />}
    </details>
  );
}

function ImportProgress({ job, onCancel }: { job: ContactImportWire; onCancel(): void }) {
  const { t } = useContactWords();
  const percent = job.bytes ? Math.min(100, Math.round((job.bytesRead / job.bytes) * 100)) : 0;
  const running = !ended(job.state);
  return (
    <div role="status" className="import-report">
      <p>
        {job.state === 'failed' ? `${t('importFailed')} ${job.error ?? ''}` : t(STATE_WORDS[job.state])}
        {job.fileName ? ` · ${job.fileName}` : ''}
      </p>
      {running && (
        <p className="import-progress">
          <progress max={100} value={percent} aria-label={t('importProgress')} />{' '}
          {fill(t('importRead'), { percent, rows: job.rowsRead })}{' '}
          <button type="button" onClick={onCancel}>
            {t('importCancel')}
          </button>
        </p>
      )}
      <p>{fill(t('imported'), { created: job.created, updated: job.updated, problems: job.problemCount })}</p>
      {job.problems.length > 0 && (
        <ul>
          {job.problems.map((p, i) => (
            <li key={i}>
              {p.row === null ? t('wholeFile') : `${t('row')} ${p.row}`}
              {p.field ? ` · ${p.field}` : ''}: {p.message}
            </li>
          ))}
        </ul>
      )}
      {job.problemCount > job.problems.length && (
        <p className="muted small">
          {fill(t('importMoreProblems'), { shown: job.problems.length, count: job.problemCount })}
        </p>
      )}
    </div>
  );
}
