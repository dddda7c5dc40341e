import { useCallback, useEffect, useState } from 'react';
import { flowStoreApi } from './api';
import type { FlowLineup } from './flow-store-api';
import { EntryEditor } from './entry-editor';
import { entrySummary, triggerName, useLineupT } from './lineup-words';
import { useT } from './i18n';

type State = { state: 'loading' } | { state: 'error' } | { state: 'ready'; lineups: FlowLineup[] };

/**
 * Each trigger's live flows in the order they are tried, with their entry filters. Owners move
 * them up and down, edit the filters and unpublish; readers see the order only.
 */
export function LiveLineups({ canEdit, onUnpublished }: { canEdit: boolean; onUnpublished?: () => void }) {
  const { w, lang } = useLineupT();
  const { t } = useT();
  const [loaded, setLoaded] = useState<State>({ state: 'loading' });
  const [editing, setEditing] = useState<string | null>(null);
  const [unpublishing, setUnpublishing] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  const reload = useCallback(() => {
    setLoaded({ state: 'loading' });
    flowStoreApi.lineups().then(
      (lineups) => setLoaded({ state: 'ready', lineups }),
      () => setLoaded({ state: 'error' }),
    );
  }, []);
  useEffect(reload, [reload]);

  const act = async (work: () => Promise<unknown>, then?: () => void) => {
    setFailed(false);
    try {
      await work();
      then?.();
    } catch {
      setFailed(true);
    }
    reload();
  };
  const move = (lineup: FlowLineup, flowId: string, position: number) =>
    void act(() => flowStoreApi.moveInLineup(lineup.trigger, flowId, position));

  const live = loaded.state === 'ready' ? loaded.lineups.filter((l) => l.flows.length > 0) : [];
  return (
    <section aria-labelledby="live-title" className="live-lineups" data-testid="live-lineups">
      <h2 id="live-title">{w('liveTitle')}</h2>
      <p className="muted">{w('liveHint')}</p>
      {loaded.state === 'loading' && <p className="muted">{t('loading')}</p>}
      {loaded.state === 'error' && (
        <p className="error" role="alert">
          {t('loadFailed')} <button onClick={reload}>{t('retry')}</button>
        </p>
      )}
      {failed && (
        <p className="error" role="alert">
          {w('actionFailed')}
        </p>
      )}
      {loaded.state === 'ready' && live.length === 0 && <p className="empty">{w('noLive')}</p>}
      {live.map((lineup) => (
        <div key={lineup.trigger} className="lineup">
          <h3>{triggerName(lineup.trigger, lang)}</h3>
          <ol aria-label={triggerName(lineup.trigger, lang)}>
            {lineup.flows.map((f, i) => (
              <li key={f.id} data-testid={`live-${f.id}`}>
                <span className="lineup-pos">{i + 1}</span>
                <a href={`#/flow/${f.id}`}>{f.name}</a>{' '}
                <span className="status status-published">v{f.activeVersion}</span>
                <span className="entry-summary">{entrySummary(f.entry, lang)}</span>
                {canEdit && (
                  <span className="lineup-actions">
                    <button
                      type="button"
                      aria-label={`${w('moveUp')}: ${f.name}`}
                      disabled={i === 0}
                      onClick={() => move(lineup, f.id, i - 1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      aria-label={`${w('moveDown')}: ${f.name}`}
                      disabled={i === lineup.flows.length - 1}
                      onClick={() => move(lineup, f.id, i + 1)}
                    >
                      ↓
                    </button>
                    <button type="button" onClick={() => setEditing(editing === f.id ? null : f.id)}>
                      {w('editFilters')}
                    </button>
                    <button type="button" onClick={() => setUnpublishing(f.id)}>
                      {w('unpublish')}
                    </button>
                  </span>
                )}
                {editing === f.id && (
                  <EntryEditor
                    flowId={f.id}
                    entry={f.entry}
                    onCancel={() => setEditing(null)}
                    onSaved={() => {
                      setEditing(null);
                      reload();
                    }}
                  />
                )}
                {unpublishing === f.id && (
                  <div role="alertdialog" aria-label={w('unpublish')} className="confirm">
                    <p>{w('confirmUnpublish')}</p>
                    <button
                      type="button"
                      className="danger"
                      onClick={() => {
                        setUnpublishing(null);
                        void act(() => flowStoreApi.unpublish(f.id), onUnpublished);
                      }}
                    >
                      {w('unpublish')}
                    </button>
                    <button type="button" onClick={() => setUnpublishing(null)}>
                      {w('cancel')}
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ol>
        </div>
      ))}
    </section>
  );
}
