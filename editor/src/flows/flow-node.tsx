import { memo, useEffect, useMemo, useRef } from 'react';
import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { findNode } from '@kefu/nodes';
import { CATEGORY_COLOURS, isTrigger, nodePorts } from './catalog';
import type { FlowNode } from './draft';
import { useFlowStore } from './flow-store';
import { useT } from './i18n';
import { NodeIcon } from './node-icon';
import { nodeSummary } from './node-summary';

/**
 * Draws any catalog node from its declaration: icon, label, category colour, and one labelled
 * source handle per port. There is no per-kind code here; a new node type needs no editor change.
 */
export const FlowNodeView = memo(function FlowNodeView({ id, data, selected }: NodeProps<FlowNode>) {
  const { lt, lang } = useT();
  const def = findNode(data.type);
  const ports = useMemo(() => nodePorts(data.type, data.config), [data.type, data.config]);
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
      className={`flow-node${selected ? ' is-selected' : ''}${problemCount ? ' has-problems' : ''}${diffState ? ` diff-${diffState}` : ''}`}
      style={{ '--cat': colour } as React.CSSProperties}
      data-testid={`flow-node-${id}`}
      data-kind={data.type}
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
    </div>
  );
});

/** Built once at module scope: a nodeTypes object made during render remounts every node (React Flow error002). */
export const nodeTypes = { kefu: FlowNodeView };
