import { useCallback, useEffect, useState } from 'react';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { flowStoreApi } from './api';
import { Canvas } from './canvas';
import { useFlowStore } from './flow-store';
import { isNotFound, isSignInNeeded } from './flow-store-api';
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

type Load =
  | { state: 'loading' }
  | { state: 'ready' }
  | { state: 'missing' }
  | { state: 'error' }
  | { state: 'sign-in' };

/** The designer for one flow: loads it, then palette | canvas | settings, problems and versions. */
export function Designer({ flowId }: { flowId: string }) {
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
      (err) => setLoad({ state: isSignInNeeded(err) ? 'sign-in' : isNotFound(err) ? 'missing' : 'error' }),
    );
  }, [flowId]);
  useEffect(fetchFlow, [fetchFlow]);

  if (load.state === 'sign-in') return <SignIn onSignedIn={fetchFlow} />;
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
      <DesignerLayout flowId={flowId} />
    </ReactFlowProvider>
  );
}

function DesignerLayout({ flowId }: { flowId: string }) {
  const { t, lt } = useT();
  useLiveValidation();
  useAutosave();
  useLeaveGuard();
  useShortcuts();
  const [tab, setTab] = useState<'settings' | 'versions'>('settings');
  const [published, setPublished] = useState<{ version: number } | { failed: true } | null>(null);
  const [publishing, setPublishing] = useState(false);
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
    <div className="designer">
      <header className="designer-head">
        <a className="back" href="#/">
          ← {t('back')}
        </a>
        <Toolbar />
        <SaveStatus />
        <button type="button" className="primary" onClick={() => void publish()} disabled={publishing}>
          {publishing ? t('publishing') : t('publish')}
        </button>
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
      <Palette onAdd={addAtCentre} />
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
        <p className="shortcuts">{t('shortcuts')}</p>
      </main>
      <div className="side">
        <div className="tabs" role="tablist">
          <button role="tab" aria-selected={tab === 'settings'} onClick={() => setTab('settings')}>
            {t('settings')}
          </button>
          <button role="tab" aria-selected={tab === 'versions'} onClick={() => setTab('versions')}>
            {t('versions')}
          </button>
        </div>
        <div className="side-body" role="tabpanel">
          {tab === 'settings' ? (
            <SettingsPanel />
          ) : (
            <VersionsPanel
              flowId={flowId}
              refreshKey={versionsKey}
              onPublished={(version) => setPublished({ version })}
            />
          )}
        </div>
        <ProblemsPanel />
      </div>
    </div>
  );
}
