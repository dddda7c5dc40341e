import { useMemo } from 'react';
import { Background, Controls, MarkerType, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { docFromDraft, type FlowNode } from './draft';
import { RunTraceContext, runNodeTypes } from './flow-node';
import { useT } from './i18n';
import { useRunView } from './run-view-store';
import { edgeTraceClass, traceOf } from './trace';

const defaultEdgeOptions = {
  type: 'smoothstep',
  markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
};
const fitViewOptions = { maxZoom: 1 };

/**
 * The run viewer over the canvas: the version the run ran on, read-only, with the path it took lit
 * and the rest dimmed. Clicking a node shows its steps in the Runs tab.
 */
export function RunViewer() {
  const { t } = useT();
  const { state, timeline, draft, close, select, selected } = useRunView();
  const trace = useMemo(
    () => (timeline ? traceOf(timeline.steps, timeline.run.currentNodeId) : null),
    [timeline],
  );
  const graph = useMemo(() => {
    if (!draft || !trace) return null;
    const doc = docFromDraft(draft);
    return {
      nodes: doc.nodes.map((n) => ({
        ...n,
        draggable: false,
        connectable: false,
        selected: n.id === selected,
      })),
      edges: doc.edges.map((e) => ({ ...e, className: edgeTraceClass(trace, e.source, e.sourceHandle) })),
    };
  }, [draft, trace, selected]);
  if (state === 'closed') return null;
  const run = timeline?.run;
  return (
    <div className="run-viewer" data-testid="run-viewer" aria-label={t('timeline')}>
      <header className="run-viewer-head">
        {run ? (
          <span>
            {t('runOn')} <strong>v{run.version}</strong> ·{' '}
            <span className={`status run-${run.status}`}>{run.status}</span> ·{' '}
            <time dateTime={run.startedAt}>{new Date(run.startedAt).toLocaleString()}</time>{' '}
            <span className="muted small">({t('readOnlyRun')})</span>
          </span>
        ) : (
          <span>{state === 'error' ? t('loadFailed') : t('loading')}</span>
        )}
        <button type="button" onClick={close}>
          {t('closeRun')}
        </button>
      </header>
      {graph && (
        <ReactFlowProvider>
          <RunTraceContext.Provider value={trace}>
            <ReactFlow<FlowNode>
              nodes={graph.nodes}
              edges={graph.edges}
              nodeTypes={runNodeTypes}
              defaultEdgeOptions={defaultEdgeOptions}
              nodesDraggable={false}
              nodesConnectable={false}
              elementsSelectable
              deleteKeyCode={null}
              onNodeClick={(_, node) => select(node.id)}
              onPaneClick={() => select(null)}
              fitView
              fitViewOptions={fitViewOptions}
              minZoom={0.1}
              aria-label="Run path"
            >
              <Background gap={20} />
              <Controls showInteractive={false} />
            </ReactFlow>
          </RunTraceContext.Provider>
        </ReactFlowProvider>
      )}
    </div>
  );
}
