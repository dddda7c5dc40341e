import { useCallback, useEffect, useState } from 'react';
import { flowStoreApi } from './api';
import { currentDraft, useFlowStore } from './flow-store';
import type { FlowVersion } from './flow-store-api';
import { useT } from './i18n';
import { diffDrafts, type DraftDiff } from './version-diff';
import { DiffSummary } from './diff-summary';
import { VersionPairDiff } from './version-pair-diff';
import { RollbackDialog } from './publish-dialog';

/** Published versions, newest first: compare any of them with the draft on the canvas, or roll back. */
export function VersionsPanel({
  flowId,
  refreshKey,
  onPublished,
}: {
  flowId: string;
  refreshKey: number;
  onPublished(version: number): void;
}) {
  const { t } = useT();
  const [versions, setVersions] = useState<FlowVersion[] | null>(null);
  const [error, setError] = useState(false);
  const [compared, setCompared] = useState<{ version: number; diff: DraftDiff } | null>(null);
  // Rollback goes live at once: it is asked for first.
  const [confirming, setConfirming] = useState<FlowVersion | null>(null);

  const reload = useCallback(() => {
    setError(false);
    flowStoreApi.versions(flowId).then(setVersions, () => setError(true));
  }, [flowId]);
  useEffect(reload, [reload, refreshKey]);
  useEffect(() => () => useFlowStore.getState().setDiff(null), []);

  const compare = async (v: FlowVersion) => {
    if (compared?.version === v.version) {
      setCompared(null);
      useFlowStore.getState().setDiff(null);
      return;
    }
    try {
      const diff = diffDrafts(await flowStoreApi.versionDraft(flowId, v.version), currentDraft());
      setCompared({ version: v.version, diff });
      useFlowStore.getState().setDiff({ added: diff.added, changed: diff.changed });
    } catch {
      setError(true);
    }
  };
  // Rollback publishes the old version's draft as a new version; the draft being edited stays as it is.
  const rollback = async (v: FlowVersion) => {
    try {
      const result = await flowStoreApi.rollback(flowId, v.version);
      if (result.ok) onPublished(result.version);
      reload();
    } catch {
      setError(true);
    }
  };

  if (error)
    return (
      <p className="error" role="alert">
        {t('loadFailed')} <button onClick={reload}>{t('retry')}</button>
      </p>
    );
  if (!versions) return <p className="muted">{t('loading')}</p>;
  if (versions.length === 0) return <p className="empty">{t('noVersions')}</p>;
  return (
    <>
      {/* Keyed by the newest version: its selects start at the two newest again after a publish. */}
      <VersionPairDiff key={versions[0]?.version} flowId={flowId} versions={versions} />
      <ul className="versions" aria-label={t('versions')}>
        {versions.map((v) => (
          <li key={v.version}>
            <div>
              <strong>v{v.version}</strong>
              {v.active && <span className="status status-published">{t('active')}</span>}{' '}
              <time dateTime={v.publishedAt}>{new Date(v.publishedAt).toLocaleString()}</time>
              <code title={v.hash}>{v.hash.slice(0, 8)}</code>
              <div className="muted small">
                {t('publishedBy')} {v.publishedBy}
                {v.rolledBackFrom && ` · ${t('rolledBackFrom')} v${v.rolledBackFrom}`}
              </div>
            </div>
            <div className="version-actions">
              <button
                type="button"
                onClick={() => void compare(v)}
                aria-pressed={compared?.version === v.version}
              >
                {compared?.version === v.version ? t('hideDiff') : t('compare')}
              </button>
              <button type="button" onClick={() => setConfirming(v)} disabled={v.active}>
                {t('rollback')}
              </button>
            </div>
            {compared?.version === v.version && <DiffSummary diff={compared.diff} />}
          </li>
        ))}
      </ul>
      {confirming && (
        <RollbackDialog
          version={confirming.version}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            setConfirming(null);
            void rollback(confirming);
          }}
        />
      )}
    </>
  );
}
