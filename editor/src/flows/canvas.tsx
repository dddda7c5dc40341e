import { useCallback, useMemo, type DragEvent } from 'react';
import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type IsValidConnection,
  type OnConnectEnd,
} from '@xyflow/react';
import { findNode } from '@kefu/nodes';
import { CATEGORY_COLOURS } from './catalog';
import { refuseConnection } from './connection-rules';
import type { FlowNode } from './draft';
import { useFlowStore } from './flow-store';
import { nodeTypes } from './flow-node';
import { useT } from './i18n';
import { NODE_DRAG_TYPE } from './palette';
import {
  selectEdges,
  selectIsEmpty,
  selectNodes,
  selectReadOnly,
  selectSnap,
  selectTrace,
} from './selectors';
import { edgeTraceClass } from './trace';

const defaultEdgeOptions = {
  type: 'smoothstep',
  markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
};
// An almost empty flow would otherwise be fitted at the maximum zoom.
const fitViewOptions = { maxZoom: 1 };
const snapGrid: [number, number] = [20, 20];

const isValidConnection: IsValidConnection = (c) =>
  refuseConnection(
    { source: c.source, sourceHandle: c.sourceHandle, target: c.target },
    useFlowStore.getState(),
  ) === null;

const minimapColour = (node: FlowNode) => {
  const def = findNode(node.data.type);
  return def ? CATEGORY_COLOURS[def.category] : '#ef4444';
};

/** The React Flow canvas bound to the flow store; every change goes through a store action. */
export function Canvas() {
  const { t } = useT();
  const nodes = useFlowStore(selectNodes);
  const edges = useFlowStore(selectEdges);
  const snap = useFlowStore(selectSnap);
  const empty = useFlowStore(selectIsEmpty);
  const trace = useFlowStore(selectTrace);
  const readOnly = useFlowStore(selectReadOnly);
  // A simulation lights the edges it took and dims the rest.
  const shownEdges = useMemo(
    () =>
      trace
        ? edges.map((e) => ({ ...e, className: edgeTraceClass(trace, e.source, e.sourceHandle) }))
        : edges,
    [edges, trace],
  );
  const { onNodesChange, onEdgesChange, connect, beginMove, addNode } = useFlowStore.getState();
  const { screenToFlowPosition } = useReactFlow();

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(NODE_DRAG_TYPE)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
  }, []);
  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData(NODE_DRAG_TYPE);
      if (!kind) return;
      e.preventDefault();
      addNode(kind, screenToFlowPosition({ x: e.clientX - 20, y: e.clientY - 20 }));
    },
    [addNode, screenToFlowPosition],
  );
  // A port dropped anywhere on a node's body connects to that node (the handle is a small target).
  const onConnectEnd: OnConnectEnd = useCallback(
    (event, state) => {
      if (state.isValid || !state.fromNode || state.fromHandle?.type !== 'source') return;
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      if (!point) return;
      const target = document
        .elementFromPoint(point.clientX, point.clientY)
        ?.closest<HTMLElement>('.react-flow__node');
      const targetId = target?.dataset.id;
      if (!targetId) return;
      connect({
        source: state.fromNode.id,
        sourceHandle: state.fromHandle.id ?? null,
        target: targetId,
        targetHandle: 'in',
      });
    },
    [connect],
  );
  const onConnect = useCallback((c: Connection) => connect(c), [connect]);

  return (
    <div
      className="canvas"
      onDragOver={readOnly ? undefined : onDragOver}
      onDrop={readOnly ? undefined : onDrop}
    >
      <ReactFlow<FlowNode>
        nodes={nodes}
        edges={shownEdges}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        onNodeDragStart={beginMove}
        onSelectionDragStart={beginMove}
        isValidConnection={isValidConnection}
        defaultEdgeOptions={defaultEdgeOptions}
        snapToGrid={snap}
        snapGrid={snapGrid}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control']}
        fitView
        fitViewOptions={fitViewOptions}
        minZoom={0.1}
        aria-label="Flow canvas"
      >
        <Background gap={20} />
        <Controls showInteractive={false} />
        <MiniMap<FlowNode> nodeColor={minimapColour} pannable zoomable ariaLabel="Minimap" />
      </ReactFlow>
      {empty && <div className="canvas-empty">{t('emptyCanvas')}</div>}
    </div>
  );
}
