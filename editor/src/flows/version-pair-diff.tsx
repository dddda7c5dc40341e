import { useState } from 'react';
import { flowStoreApi } from './api';
import { useFlowStore } from './flow-store';
import type { FlowVersion } from './flow-store-api';
import { useT } from './i18n';
import { diffDrafts, type DraftDiff } from './version-diff';
import { DiffSummary } from './diff-summary';

/** Any two published versions side by side: what changed between them, marked on the canvas where those nodes still are. */
export function VersionPairDiff({ flowId, versions }: { flowId: string; versions: FlowVersion[] }) {
  const { t } = useT();
  const [from, setFrom] = useState(versions[1]?.version ?? versions[0]?.version ?? 1);
  const [to, setTo] = useState(versions[0]?.version ?? 1);
  const [result, setResult] = useState<DraftDiff | 'error' | null>(null);
  if (versions.length < 2) return null;
  const compare = async () => {
    try {
      const [a, b] = await Promise.all([
        flowStoreApi.versionDraft(flowId, from),
        flowStoreApi.versionDraft(flowId, to),
      ]);
      const diff = diffDrafts(a, b);
      setResult(diff);
      useFlowStore.getState().setDiff({ added: diff.added, changed: diff.changed });
    } catch {
      setResult('error');
    }
  };
  const options = versions.map((v) => (
    <option key={v.version} value={v.version}>
      v{v.version}
    </option>
  ));
  return (
    <div className="version-pair">
      <label>
        {t('from')}
        <select value={from} onChange={(e) => setFrom(Number(e.target.value))}>
          {options}
        </select>
      </label>
      <label>
        {t('to')}
        <select value={to} onChange={(e) => setTo(Number(e.target.value))}>
          {options}
        </select>
      </label>
      <button type="button" onClick={() => void compare()}>
        {t('compareVersions')}
      </button>
      {result === 'error' && <p className="error">{t('loadFailed')}</p>}
      {result && result !== 'error' && <DiffSummary diff={result} />}
    </div>
  );
}
