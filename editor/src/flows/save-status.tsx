import { flowStoreApi } from './api';
import { currentDraft } from './flow-store';
import { useT } from './i18n';
import { saveNow, selectSaveState, selectTheirs, useSaveSession } from './save-session';

/** The visible saved state, and the conflict banner that keeps both sides' work. */
export function SaveStatus() {
  const { t } = useT();
  const state = useSaveSession(selectSaveState);
  const label = {
    saved: t('saved'),
    dirty: t('unsaved'),
    saving: t('saving'),
    error: t('saveFailed'),
    conflict: t('conflictShort'),
  }[state];
  return (
    <span className={`save-status save-${state}`} role="status" data-testid="save-status" data-state={state}>
      {label}
      {state === 'error' && (
        <button type="button" onClick={() => void saveNow(true)}>
          {t('retry')}
        </button>
      )}
    </span>
  );
}

export function ConflictBanner() {
  const { t } = useT();
  const theirs = useSaveSession(selectTheirs);
  if (!theirs) return null;
  const keepMine = () => void saveNow(true);
  // Theirs becomes the draft here; ours is saved as a new flow first, so neither side is lost.
  const loadTheirs = async () => {
    const mine = currentDraft();
    await flowStoreApi.create({ name: `${mine.name} (copy)`.slice(0, 120), kind: mine.kind, draft: mine });
    useSaveSession.getState().open(theirs);
  };
  return (
    <div className="conflict" role="alert" data-testid="conflict">
      {t('conflict')}
      <button type="button" onClick={keepMine}>
        {t('keepMine')}
      </button>
      <button type="button" onClick={() => void loadTheirs()}>
        {t('loadTheirs')}
      </button>
    </div>
  );
}
