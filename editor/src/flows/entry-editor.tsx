import { useState } from 'react';
import { flowStoreApi } from './api';
import type { EntryFilter } from './flow-store-api';
import { ENTRY_CHANNELS, channelName, useLineupT } from './lineup-words';

/** Edits one live flow's entry filter in place; saved as a whole (PUT /flows/:id/entry). */
export function EntryEditor({
  flowId,
  entry,
  onSaved,
  onCancel,
}: {
  flowId: string;
  entry: EntryFilter;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { w, lang } = useLineupT();
  const [channels, setChannels] = useState<string[]>(entry.channels ?? []);
  const [hours, setHours] = useState<string>(entry.hours ?? '');
  const [tags, setTags] = useState((entry.contactTags ?? []).join(', '));
  const [saving, setSaving] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);

  const save = async () => {
    const contactTags = [
      ...new Set(
        tags
          .split(/[,，]/)
          .map((t) => t.trim())
          .filter(Boolean),
      ),
    ];
    const next: EntryFilter = {
      ...(channels.length ? { channels: channels as EntryFilter['channels'] } : {}),
      ...(hours ? { hours: hours as 'open' | 'closed' } : {}),
      ...(contactTags.length ? { contactTags } : {}),
    };
    setSaving(true);
    setFailed(null);
    try {
      await flowStoreApi.setEntry(flowId, next);
      onSaved();
    } catch (err) {
      setFailed((err as Error).message || w('actionFailed'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="entry-editor"
      aria-label={w('editFilters')}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <fieldset>
        <legend>{w('channels')}</legend>
        {ENTRY_CHANNELS.map((c) => (
          <label key={c}>
            <input
              type="checkbox"
              checked={channels.includes(c)}
              onChange={(e) =>
                setChannels((now) => (e.target.checked ? [...now, c] : now.filter((x) => x !== c)))
              }
            />{' '}
            {channelName(c, lang)}
          </label>
        ))}
      </fieldset>
      <label>
        {w('hours')}{' '}
        <select value={hours} onChange={(e) => setHours(e.target.value)}>
          <option value="">{w('hoursAny')}</option>
          <option value="open">{w('hoursOpen')}</option>
          <option value="closed">{w('hoursClosed')}</option>
        </select>
      </label>
      <label>
        {w('contactTags')} <input value={tags} onChange={(e) => setTags(e.target.value)} maxLength={400} />
      </label>
      {failed && (
        <p className="error" role="alert">
          {failed}
        </p>
      )}
      <div className="entry-actions">
        <button type="submit" className="primary" disabled={saving}>
          {w('save')}
        </button>
        <button type="button" onClick={onCancel}>
          {w('cancel')}
        </button>
      </div>
    </form>
  );
}
