import { findNode } from '@kefu/nodes';
import { useFlowStore } from './flow-store';
import { useT } from './i18n';
import { selectChecking, selectNodes, selectProblems } from './selectors';

/** Every compiler problem; clicking one selects its node and focuses the field. */
export function ProblemsPanel() {
  const { t, lt } = useT();
  const problems = useFlowStore(selectProblems);
  const checking = useFlowStore(selectChecking);
  const nodes = useFlowStore(selectNodes);
  const nameOf = (id: string | undefined) => {
    if (!id) return t('flowLevel');
    const node = nodes.find((n) => n.id === id);
    const def = node && findNode(node.data.type);
    return node?.data.label || (def ? lt(def.editor.label) : id);
  };
  return (
    <section className="problems" aria-label={t('problems')} aria-live="polite">
      <h2>
        {t('problems')}{' '}
        <span className={`count${problems.length ? ' bad' : ''}`} data-testid="problem-count">
          {problems.length}
        </span>
        {checking && <span className="muted"> · {t('checking')}</span>}
      </h2>
      {problems.length === 0 ? (
        <p className="ok">{t('noProblems')}</p>
      ) : (
        <ul>
          {problems.map((p, i) => (
            <li key={`${p.nodeId}:${p.field}:${i}`}>
              <button
                type="button"
                disabled={!p.nodeId}
                onClick={() => useFlowStore.getState().focusProblem(p)}
                data-node-id={p.nodeId}
                data-field={p.field}
              >
                <strong>{nameOf(p.nodeId)}</strong> {lt(p.message)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
