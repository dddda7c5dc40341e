import { useCallback, useEffect, useState } from 'react';
import { findNode } from '@kefu/nodes';
import { flowStoreApi } from './api';
import type { FlowState } from './flow-store';
import type { FlowLineup } from './flow-store-api';
import { useT } from './i18n';
import { entrySummary, triggerName, useLineupT } from './lineup-words';

/** The draft's trigger: its first trigger node's type (the server stores the same, flow-wire.ts). */
export const selectTrigger = (s: FlowState) =>
  s.nodes.find((n) => findNode(n.data.type)?.category === 'trigger')?.data.type ?? 'none';

type State = { state: 'loading' } | { state: 'error' } | { state: 'ready'; lineup: FlowLineup['flows'] };

/**
 * Asks before publishing, saying what else is live for the flow's trigger and where this flow will
 * stand among them: publishing adds a live flow, it never turns another off.
 */
export function PublishDialog({
  flowId,
  trigger,
  onConfirm,
  onCancel,
}: {
  flowId: string;
  trigger: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { w, lang } = useLineupT();
  const { t } = useT();
  const [loaded, setLoaded] = useState<State>({ state: 'loading' });
  const load = useCallback(() => {
    setLoaded({ state: 'loading' });
    flowStoreApi.lineups().then(
      (all) => setLoaded({ state: 'ready', lineup: all.find((l) => l.trigger === trigger)?.flows ?? [] }),
      () => setLoaded({ state: 'error' }),
    );
  }, [trigger]);
  useEffect(load, [load]);

  const place = loaded.state === 'ready' ? loaded.lineup.findIndex((f) => f.id === flowId) : -1;
  const others = loaded.state === 'ready' ? loaded.lineup.filter((f) => f.id !== flowId) : [];
  return (
    <div className="dialog-backdrop">
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="publish-title"
        className="dialog"
        data-testid="publish-dialog"
      >
        <h2 id="publish-title">{w('publishTitle')}</h2>
        <p className="muted">{triggerName(trigger, lang)}</p>
        {loaded.state === 'loading' && <p className="muted">{t('loading')}</p>}
        {loaded.state === 'error' && (
          <p className="error" role="alert">
            {t('loadFailed')} <button onClick={load}>{t('retry')}</button>
          </p>
        )}
        {loaded.state === 'ready' && others.length === 0 && <p>{w('aloneLive')}</p>}
        {loaded.state === 'ready' && others.length > 0 && (
          <>
            <p>{w('alsoLive')}</p>
            <ol className="dialog-lineup">
              {loaded.lineup.map((f) => (
                <li key={f.id} className={f.id === flowId ? 'this-flow' : undefined}>
                  <strong>{f.name}</strong> v{f.activeVersion} — {entrySummary(f.entry, lang)}
                </li>
              ))}
            </ol>
            <p>{place >= 0 ? `${w('keepsPlace')} (${place + 1}).` : w('goesLast')}</p>
          </>
        )}
        <div className="dialog-actions">
          <button type="button" className="primary" onClick={onConfirm} disabled={loaded.state !== 'ready'}>
            {w('confirmPublish')}
          </button>
          <button type="button" onClick={onCancel}>
            {w('cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}

/** Asks before a rollback: it publishes the old version again and puts it live at once. */
export function RollbackDialog({
  version,
  onConfirm,
  onCancel,
}: {
  version: number;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { w } = useLineupT();
  return (
    <div className="dialog-backdrop">
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="rollback-title"
        className="dialog"
        data-testid="rollback-dialog"
      >
        <h2 id="rollback-title">
          {w('rollbackTitle')} v{version}?
        </h2>
        <p>{w('rollbackBody')}</p>
        <div className="dialog-actions">
          <button type="button" className="primary" onClick={onConfirm}>
            {w('confirmRollback')}
          </button>
          <button type="button" onClick={onCancel}>
            {w('cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}
