import { useState, type FormEvent } from 'react';
import type { TransferTarget } from './inbox-api';
import { useInboxWords } from './words';

/** Hand the conversation to another agent or back to a team's queue, with an optional note. */
export function TransferDialog({
  agents,
  teams,
  onTransfer,
  onCancel,
}: {
  agents: TransferTarget[];
  teams: TransferTarget[];
  onTransfer(to: { agentId: string } | { teamId: string }, note: string): Promise<void>;
  onCancel(): void;
}) {
  const { t } = useInboxWords();
  const [kind, setKind] = useState<'agent' | 'team'>('team');
  const options = kind === 'agent' ? agents : teams;
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const chosen = options.some((o) => o.id === target) ? target : (options[0]?.id ?? '');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    setBusy(true);
    try {
      await onTransfer(kind === 'agent' ? { agentId: chosen } : { teamId: chosen }, note.trim());
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="transfer-dialog"
      role="dialog"
      aria-label={t('transfer')}
      onSubmit={(e) => void submit(e)}
    >
      <fieldset>
        <legend>{t('transferTo')}</legend>
        <label>
          <input type="radio" checked={kind === 'team'} onChange={() => setKind('team')} /> {t('toTeam')}
        </label>
        <label>
          <input type="radio" checked={kind === 'agent'} onChange={() => setKind('agent')} /> {t('toAgent')}
        </label>
      </fieldset>
      <select
        aria-label={kind === 'agent' ? t('toAgent') : t('toTeam')}
        value={chosen}
        onChange={(e) => setTarget(e.target.value)}
      >
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
      {options.length === 0 && <p className="muted">{t('none')}</p>}
      <label>
        {t('transferNote')}
        <input value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      </label>
      <div className="row">
        <button type="submit" className="primary" disabled={busy || !chosen}>
          {t('transfer')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
