import { TICKET_PRIORITIES, TICKET_STATUSES, type TicketBulk } from '@kefu/schemas/api';
import { useState } from 'react';
import type { TicketsApi } from './tickets-api';
import { useTicketWords } from './words';

/** One change applied to every selected ticket; each answers for itself, failures are counted. */
export function TicketBulkBar({
  api,
  ids,
  meId,
  onDone,
}: {
  api: TicketsApi;
  ids: string[];
  meId: string;
  onDone(summary: string): void;
}) {
  const { t } = useTicketWords();
  const [status, setStatus] = useState('');
  const [priority, setPriority] = useState('');
  const [assignMe, setAssignMe] = useState(false);
  const [tag, setTag] = useState('');
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const change: Omit<TicketBulk, 'ids'> = {
    ...(status ? { status: status as TicketBulk['status'] } : {}),
    ...(priority ? { priority: priority as TicketBulk['priority'] } : {}),
    ...(assignMe ? { assigneeId: meId } : {}),
    ...(tag.trim() ? { addTags: [tag.trim()] } : {}),
  };
  const apply = async () => {
    setBusy(true);
    try {
      const { results } = await api.bulk({ ids, ...change });
      const failed = results.filter((r) => !r.ok).length;
      onDone(
        `${t('bulkDone')}: ${results.length - failed}${failed ? `, ${t('bulkFailed')}: ${failed}` : ''}`,
      );
    } catch (err) {
      setResult(`${t('bulkFailed')}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="bulk-bar" role="region" aria-label={`${ids.length} ${t('selected')}`}>
      <strong>
        {ids.length} {t('selected')}
      </strong>
      <select aria-label={t('bulkStatus')} value={status} onChange={(e) => setStatus(e.target.value)}>
        <option value="">{t('bulkStatus')}</option>
        {TICKET_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(s)}
          </option>
        ))}
      </select>
      <select aria-label={t('bulkPriority')} value={priority} onChange={(e) => setPriority(e.target.value)}>
        <option value="">{t('bulkPriority')}</option>
        {TICKET_PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {t(p)}
          </option>
        ))}
      </select>
      <label>
        <input type="checkbox" checked={assignMe} onChange={(e) => setAssignMe(e.target.checked)} />{' '}
        {t('assignToMe')}
      </label>
      <input
        aria-label={t('addTag')}
        placeholder={t('addTag')}
        value={tag}
        maxLength={64}
        onChange={(e) => setTag(e.target.value)}
      />
      <button
        className="primary"
        disabled={busy || Object.keys(change).length === 0}
        onClick={() => void apply()}
      >
        {t('apply')}
      </button>
      {result && <span role="status">{result}</span>}
    </div>
  );
}
