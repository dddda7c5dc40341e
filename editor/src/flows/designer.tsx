import { useCallback, useEffect, useState } from 'react';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { flowStoreApi } from './api';
import { Canvas } from './canvas';
import { useFlowStore } from './flow-store';
import { ApiError, isNotFound, isSignInNeeded } from './flow-store-api';
import { SignIn } from './sign-in';
import { useT } from './i18n';
import { LangSwitch } from './lang-switch';
import { Palette } from './palette';
import { ProblemsPanel } from './problems-panel';
import { saveNow, useAutosave, useLeaveGuard, useSaveSession } from './save-session';
import { ConflictBanner, SaveStatus } from './save-status';
import { selectFocus, selectNotice } from './selectors';
import { SettingsPanel } from './settings-panel';
import { Toolbar } from './toolbar';
import { useLiveValidation } from './use-live-validation';
import { useShortcuts } from './use-shortcuts';
import { VersionsPanel } from './versions-panel';
import { PublishDialog, selectTrigger } from './publish-dialog';
import { useCanEdit, useRole } from './role';
import { RunsPanel } from './runs-panel';
import { RunViewer } from './run-viewer';
import { useRunView } from './run-view-store';
import { SimulatorPanel } from './simulator-panel';
import { selectReadOnly } from './selectors';

type Load =
  | { state: 'loading' }
  | { state: 'ready' }
  | { state: 'missing' }
  | { state: 'error' }
  | { state: 'forbidden' }
  | { state: 'sign-in' };

/** The designer for one flow: loads it, then palette | canvas | settings, problems and versions. */
export function Designer({ flowId, runId }: { flowId: string; runId?: string }) {
  const { t } = useT();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const fetchFlow = useCallback(() => {
    setLoad({ state: 'loading' });
    const started = performance.now();
    flowStoreApi.get(flowId).then(
      (record) => {
        useSaveSession.getState().open(record);
        setLoad({ state: 'ready' });
        // The browser test reads how long a flow takes to open.
        performance.measure('kefu:flow-open', { start: started });
      },
      (err) =>
        setLoad({
          state: isSignInNeeded(err)
            ? 'sign-in'
            : isNotFound(err)
              ? 'missing'
              : err instanceof ApiError && err.status === 403
                ? 'forbidden'
                : 'error',
        }),
    );
  }, [flowId]);
  useEffect(fetchFlow, [fetchFlow]);

  if (load.state === 'sign-in')
    return (
      <SignIn
        onSignedIn={() => {
          void useRole.getState().load();
          fetchFlow();
        }}
      />
    );
  if (load.state === 'forbidden')
    return (
      <p className="page-state error" role="alert" data-testid="no-access">
        {t('noAccess')} <a href="#/">{t('back')}</a>
      </p>
    );
  if (load.state === 'loading') return <p className="page-state">{t('loading')}</p>;
  if (load.state === 'missing')
    return (
      <p className="page-state">
        {t('notFound')} <a href="#/">{t('back')}</a>
      </p>
    );
  if (load.state === 'error')
    return (
      <p className="page-state error" role="alert">
        {t('loadFailed')} <button onClick={fetchFlow}>{t('retry')}</button>
      </p>
    );
  return (
    <ReactFlowProvider>
      <DesignerLayout flowId={flowId} runId={runId} />
    </ReactFlowProvider>
  );
}

function DesignerLayout({ flowId, runId }: { flowId: string; runId?: string }) {
  const { t, lt } = useT();
  useLiveValidation();
  useAutosave();
  useLeaveGuard();
  useShortcuts();
  // Until /session answers, owners (the usual reader) get the editor; the API refuses others anyway.
  const canEdit = useCanEdit();
  useEffect(() => {
    useFlowStore.getState().setReadOnly(canEdit === false);
  }, [canEdit]);
  const readOnly = useFlowStore(selectReadOnly);
  const [tab, setTab] = useState<'settings' | 'versions' | 'simulate' | 'runs'>(runId ? 'runs' : 'settings');
  // The run viewer covers the canvas only while the Runs tab is open.
  useEffect(() => {
    if (tab !== 'runs') useRunView.getState().close();
  }, [tab]);
  useEffect(() => () => useRunView.getState().close(), []);
  // Opened on one run (a link from the console's transcript): show it on the canvas.
  useEffect(() => {
    if (runId) void useRunView.getState().open(flowId, runId);
  }, [flowId, runId]);
  const [published, setPublished] = useState<{ version: number } | { failed: true } | null>(null);
  const [publishing, setPublishing] = useState(false);
  // Publishing asks first, naming what else is live for the trigger (publish-dialog.tsx).
  const [confirmPublish, setConfirmPublish] = useState(false);
  const trigger = useFlowStore(selectTrigger);
  const [versionsKey, setVersionsKey] = useState(0);
  const notice = useFlowStore(selectNotice);
  const focus = useFlowStore(selectFocus);
  // A clicked problem shows its node's settings.
  useEffect(() => {
    if (focus) setTab('settings');
  }, [focus]);
  const { screenToFlowPosition } = useReactFlow();

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => useFlowStore.getState().showNotice(null), 4000);
    return () => clearTimeout(timer);
  }, [notice]);

  const addAtCentre = (kind: string) => {
    const box = document.querySelector('.canvas')?.getBoundingClientRect();
    const at = box
      ? screenToFlowPosition({ x: box.left + box.width / 2 - 100, y: box.top + box.height / 2 - 40 })
      : { x: 0, y: 0 };
    useFlowStore.getState().addNode(kind, at);
  };
  const publish = async () => {
    setPublishing(true);
    setPublished(null);
    try {
      if (!(await saveNow())) return;
      const result = await flowStoreApi.publish(flowId, useSaveSession.getState().revision);
      if (result.ok) {
        setPublished({ version: result.version });
        setVersionsKey((k) => k + 1);
      } else {
        useFlowStore.getState().setProblems(result.problems);
        setPublished({ failed: true });
      }
    } finally {
      setPublishing(false);
    }
  };

  return (
    <div className={readOnly ? 'designer read-only' : 'designer'}>
      <header className="designer-head">
        <a className="back" href="#/">
          ← {t('back')}
        </a>
        <Toolbar />
        {readOnly ? (
          <span className="read-only-note" role="status" data-testid="read-only">
            {t('readOnly')}
          </span>
        ) : (
          <>
            <SaveStatus />
            <button
              type="button"
              className="primary"
              onClick={() => setConfirmPublish(true)}
              disabled={publishing}
            >
              {publishing ? t('publishing') : t('publish')}
            </button>
          </>
        )}
        {published && (
          <span
            className={'failed' in published ? 'publish-result bad' : 'publish-result ok'}
            role="status"
            data-testid="publish-result"
          >
            {'failed' in published ? t('cannotPublish') : `${t('publishedVersion')} v${published.version}`}
          </span>
        )}
        <LangSwitch />
      </header>
      <ConflictBanner />
      {confirmPublish && (
        <PublishDialog
          flowId={flowId}
          trigger={trigger}
          onCancel={() => setConfirmPublish(false)}
          onConfirm={() => {
            setConfirmPublish(false);
            void publish();
          }}
        />
      )}
      {!readOnly && <Palette onAdd={addAtCentre} />}
      <main className="designer-canvas">
        <Canvas />
        {notice && (
          <div className="notice" role="alert" data-testid="notice">
            {lt(notice)}
            <button
              type="button"
              aria-label={t('dismiss')}
              onClick={() => useFlowStore.getState().showNotice(null)}
            >
              ×
            </button>
          </div>
        )}
        {!readOnly && <p className="shortcuts">{t('shortcuts')}</p>}
        <RunViewer />
      </main>
      <div className="side">
        <div className="tabs" role="tablist">
          <button role="tab" aria-selected={tab === 'settings'} onClick={() => setTab('settings')}>
            {t('settings')}
          </button>
          <button role="tab" aria-selected={tab === 'versions'} onClick={() => setTab('versions')}>
            {t('versions')}
          </button>
          {!readOnly && (
            <button role="tab" aria-selected={tab === 'simulate'} onClick={() => setTab('simulate')}>
              {t('simulate')}
            </button>
          )}
          <button role="tab" aria-selected={tab === 'runs'} onClick={() => setTab('runs')}>
            {t('runs')}
          </button>
        </div>
        <div className="side-body" role="tabpanel">
          {tab === 'settings' && <SettingsPanel />}
          {tab === 'versions' && (
            <VersionsPanel
              flowId={flowId}
              refreshKey={versionsKey}
              onPublished={(version) => setPublished({ version })}
            />
          )}
          {tab === 'runs' && <RunsPanel flowId={flowId} />}
          {/* Kept mounted while other tabs show: a simulation goes on while the owner edits. */}
          {!readOnly && (
            <div hidden={tab !== 'simulate'}>
              <SimulatorPanel flowId={flowId} />
            </div>
          )}
        </div>
        <ProblemsPanel />
      </div>
    </div>
  );
}
