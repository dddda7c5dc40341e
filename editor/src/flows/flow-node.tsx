import { createContext, memo, useContext, useEffect, useMemo, useRef } from 'react';
import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { findNode } from '@kefu/nodes';
import { CATEGORY_COLOURS, isTrigger, nodePorts } from './catalog';
import type { FlowNode } from './draft';
import { useFlowStore } from './flow-store';
import { useT } from './i18n';
import { NodeIcon } from './node-icon';
import { nodeSummary } from './node-summary';
import { StepWhy } from './step-why';
import { nodeTraceState, type Trace, type TraceState } from './trace';

interface NodeCardProps {
  id: string;
  data: FlowNode['data'];
  selected: boolean;
  problemCount?: number;
  firstProblem?: string;
  diffState?: 'added' | 'changed';
  traceState?: TraceState;
  /** Drawn at the bottom of the card (the run viewer's why of the node's last step). */
  children?: React.ReactNode;
}

/**
 * Draws any catalog node from its declaration: icon, label, category colour, and one labelled
 * source handle per port. There is no per-kind code here; a new node type needs no editor change.
 */
export function NodeCard({
  id,
  data,
  selected,
  problemCount = 0,
  firstProblem,
  diffState,
  traceState,
  children,
}: NodeCardProps) {
  const { lt, lang } = useT();
  const def = findNode(data.type);
  const ports = useMemo(() => nodePorts(data.type, data.config), [data.type, data.config]);
  const updateInternals = useUpdateNodeInternals();
  const portKey = ports.map((p) => p.name).join('|');
  // Handles come and go with the config (switch cases): React Flow must re-measure them. Not on
  // mount (React Flow measures new nodes itself; 300 extra updates made large flows open slowly).
  const measuredPorts = useRef(portKey);
  useEffect(() => {
    if (measuredPorts.current === portKey) return;
    measuredPorts.current = portKey;
    updateInternals(id);
  }, [id, portKey, updateInternals]);

  const colour = def ? CATEGORY_COLOURS[def.category] : '#ef4444';
  const title = def ? lt(def.editor.label) : data.type;
  const summary = def ? nodeSummary(def.editor.fields, data.config, lang) : undefined;
  return (
    <div
      className={`flow-node${selected ? ' is-selected' : ''}${problemCount ? ' has-problems' : ''}${diffState ? ` diff-${diffState}` : ''}${traceState ? ` trace-${traceState}` : ''}`}
      style={{ '--cat': colour } as React.CSSProperties}
      data-testid={`flow-node-${id}`}
      data-kind={data.type}
      data-trace={traceState}
      aria-label={`${title}${data.label ? `: ${data.label}` : ''}`}
    >
      {!isTrigger(def) && <Handle type="target" position={Position.Left} id="in" className="flow-node-in" />}
      <header className="flow-node-head">
        <NodeIcon name={def?.editor.icon ?? 'box'} size={16} />
        <span className="flow-node-title">{title}</span>
        {problemCount > 0 && (
          <span
            className="flow-node-badge"
            title={firstProblem}
            aria-label={`${problemCount} problems`}
            data-testid="problem-badge"
          >
            {problemCount}
          </span>
        )}
      </header>
      {data.label && <div className="flow-node-caption">{data.label}</div>}
      {summary && <div className="flow-node-summary">{summary}</div>}
      {ports.length > 0 && (
        <ul className="flow-node-ports">
          {ports.map((port) => (
            <li key={port.name} className="flow-node-port">
              <span>{lt(port.label)}</span>
              <Handle type="source" position={Position.Right} id={port.name} aria-label={lt(port.label)} />
            </li>
          ))}
        </ul>
      )}
      {children}
    </div>
  );
}

/** A node of the flow being edited: its problems, its diff state and a simulation's path, from the store. */
export const FlowNodeView = memo(function FlowNodeView({ id, data, selected }: NodeProps<FlowNode>) {
  const { lang } = useT();
  const problemCount = useFlowStore((s) => s.problemsByNode[id]?.length ?? 0);
  const firstProblem = useFlowStore((s) => s.problemsByNode[id]?.[0]?.message[lang]);
  const diffState = useFlowStore((s) =>
    s.diff
      ? s.diff.added.includes(id)
        ? 'added'
        : s.diff.changed.includes(id)
          ? 'changed'
          : undefined
      : undefined,
  );
  const traceState = useFlowStore((s) => nodeTraceState(s.trace, id));
  return (
    <NodeCard
      id={id}
      data={data}
      selected={selected}
      problemCount={problemCount}
      firstProblem={firstProblem}
      diffState={diffState}
      traceState={traceState}
    />
  );
});

/** The path a run viewer draws; its nodes are not the store's. */
export const RunTraceContext = createContext<Trace | null>(null);

/** A node of a published version in the run viewer: read-only, lit by the run's path, with why it left. */
export const RunNodeView = memo(function RunNodeView({ id, data, selected }: NodeProps<FlowNode>) {
  const trace = useContext(RunTraceContext);
  const last = trace?.lastStep.get(id);
  return (
    <NodeCard id={id} data={data} selected={selected} traceState={nodeTraceState(trace, id)}>
      {last && <StepWhy step={last} config={data.config} brief />}
    </NodeCard>
  );
});

/** Built once at module scope: a nodeTypes object made during render remounts every node (React Flow error002). */
export const nodeTypes = { kefu: FlowNodeView };
export const runNodeTypes = { kefu: RunNodeView };
