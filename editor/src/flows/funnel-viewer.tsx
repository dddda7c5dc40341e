import { createContext, memo, useContext, useMemo } from 'react';
import {
  Background,
  Controls,
  MarkerType,
  ReactFlow,
  ReactFlowProvider,
  type NodeProps,
} from '@xyflow/react';
import type { FunnelNode, FunnelReport } from '@kefu/schemas/api';
import { funnelApi, type FunnelApi } from '../analytics/funnel-api';
import { HEAT_STEPS, dropShare, duration, heatColour, heatInk, percent } from '../analytics/funnel-figures';
import { useFunnelWords } from '../analytics/funnel-words';
import { LoadState } from '../shared/load-state';
import { useLoad } from '../shared/use-load';
import { docFromDraft, type FlowNode } from './draft';
import { NodeCard } from './flow-node';
import './funnel-viewer.css';

const defaultEdgeOptions = {
  type: 'smoothstep',
  markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
};
const fitViewOptions = { maxZoom: 1 };

interface Heat {
  runs: number;
  byNode: ReadonlyMap<string, FunnelNode>;
}
const HeatContext = createContext<Heat | null>(null);

/** A node of the version, read-only, coloured by the share of the runs that reached it. */
const FunnelNodeView = memo(function FunnelNodeView({ id, data }: NodeProps<FlowNode>) {
  const { t } = useFunnelWords();
  const heat = useContext(HeatContext);
  const n = heat?.byNode.get(id);
  const share = n && heat?.runs ? n.entered / heat.runs : 0;
  const drop = n ? dropShare(n) : null;
  return (
    <NodeCard id={id} data={data} selected={false}>
      <div
        className={`funnel-heat${drop ? ' has-drop' : ''}`}
        data-testid={`funnel-heat-${id}`}
        style={{
          background: heatColour(share),
          color: heatInk(share),
          ...(drop ? { boxShadow: `inset 0 0 0 ${1 + Math.round(drop * 4)}px #dc2626` } : {}),
        }}
      >
        <strong>{n?.entered ?? 0}</strong> {t('entered').toLowerCase()}
        {drop !== null && drop > 0 && (
          <>
            {' '}
            · {percent(drop)} {t('dropped').toLowerCase()}
          </>
        )}
        {n && n.waiting > 0 && (
          <>
            {' '}
            · {n.waiting} {t('waiting').toLowerCase()}
          </>
        )}
        {n?.time.median !== null && n?.time.median !== undefined && (
          <div className="funnel-heat-time">
            {t('median')} {duration(n.time.median)} · p90 {duration(n.time.p90)}
          </div>
        )}
      </div>
    </NodeCard>
  );
});
const funnelNodeTypes = { kefu: FunnelNodeView };

/**
 * The designer read-only on one published version with its funnel as heat: each node coloured by
 * the share of the range's runs that reached it, its drop share as a red border, each edge labelled
 * with the runs that left by its port. Opened from the analytics funnel ("Show on canvas").
 */
export function FunnelViewer({
  flowId,
  version,
  from,
  to,
  api = funnelApi,
}: {
  flowId: string;
  version: number;
  from: string;
  to: string;
  api?: FunnelApi;
}) {
  const { t } = useFunnelWords();
  const loaded = useLoad(
    () =>
      Promise.all([api.draft(flowId, version), api.funnel({ flowId, version, from, to })]).then(
        ([draft, report]) => ({ draft, report }),
      ),
    `${flowId}/${version}/${from}/${to}`,
  );
  return (
    <div className="funnel-viewer" data-testid="funnel-viewer">
      <header className="run-viewer-head">
        <span>
          {t('heatTitle')} · <strong>v{version}</strong> · {from} – {to}
          {loaded.data && (
            <>
              {' '}
              · {t('runs')}: <strong>{loaded.data.report.runs}</strong>
            </>
          )}{' '}
          <span className="muted small">({t('readOnly')})</span>
        </span>
        <a href="/#/analytics/funnel">{t('backToFunnel')}</a>
      </header>
      <LoadState
        loaded={loaded}
        words={{ loading: t('loading'), failed: t('loadFailed'), retry: t('retry') }}
      >
        {({ draft, report }) => <HeatCanvas draft={draft} report={report} />}
      </LoadState>
    </div>
  );
}

function HeatCanvas({ draft, report }: { draft: Parameters<typeof docFromDraft>[0]; report: FunnelReport }) {
  const { t } = useFunnelWords();
  const heat = useMemo<Heat>(
    () => ({ runs: report.runs, byNode: new Map(report.nodes.map((n) => [n.nodeId, n])) }),
    [report],
  );
  const graph = useMemo(() => {
    const doc = docFromDraft(draft);
    return {
      nodes: doc.nodes.map((n) => ({ ...n, draggable: false, connectable: false, selectable: false })),
      edges: doc.edges.map((e) => {
        const count = heat.byNode.get(e.source)?.left[e.sourceHandle ?? ''] ?? 0;
        return {
          ...e,
          label: String(count),
          labelBgPadding: [4, 2] as [number, number],
          className: count ? 'funnel-edge' : 'funnel-edge is-unused',
        };
      }),
    };
  }, [draft, heat]);
  return (
    <>
      <div className="funnel-legend" aria-label={t('legend')}>
        <span>{t('legend')}:</span>
        {HEAT_STEPS.map((colour, i) => (
          <span
            key={colour}
            className="funnel-legend-step"
            style={{ background: colour, color: heatInk(i / 5) }}
          >
            {i * 20}–{(i + 1) * 20} %
          </span>
        ))}
        <span className="funnel-legend-drop">{t('legendDrop')}</span>
      </div>
      <ReactFlowProvider>
        <HeatContext.Provider value={heat}>
          <ReactFlow<FlowNode>
            nodes={graph.nodes}
            edges={graph.edges}
            nodeTypes={funnelNodeTypes}
            defaultEdgeOptions={defaultEdgeOptions}
            nodesDraggable={false}
            nodesConnectable={false}
            elementsSelectable={false}
            deleteKeyCode={null}
            fitView
            fitViewOptions={fitViewOptions}
            minZoom={0.1}
            aria-label="Funnel"
          >
            <Background gap={20} />
            <Controls showInteractive={false} />
          </ReactFlow>
        </HeatContext.Provider>
      </ReactFlowProvider>
    </>
  );
}
