import type { RunStep } from '@kefu/schemas/api';

/** A run's path drawn on a canvas: the nodes it went through, the edges it took, where it is now. */
export interface Trace {
  visited: ReadonlySet<string>;
  /** Edges by `source/port`, as a step leaves a node by a port. */
  taken: ReadonlySet<string>;
  /** The node being executed or waited in; null once the run ended. */
  current: string | null;
  /** Each visited node's last step, whose why the run viewer writes on the node. */
  lastStep: ReadonlyMap<string, TraceStep>;
}

type TraceStep = Pick<RunStep, 'nodeId' | 'nodeType' | 'port' | 'why' | 'decision'>;

export type TraceState = 'current' | 'visited' | 'dimmed';

export const takenKey = (source: string, port: string) => `${source}/${port}`;

export function traceOf(
  steps: readonly (Pick<RunStep, 'nodeId' | 'port'> & Partial<TraceStep>)[],
  current: string | null,
): Trace {
  const visited = new Set<string>();
  const taken = new Set<string>();
  const lastStep = new Map<string, TraceStep>();
  for (const s of steps) {
    visited.add(s.nodeId);
    if (s.port) taken.add(takenKey(s.nodeId, s.port));
    if (s.nodeType) lastStep.set(s.nodeId, s as TraceStep);
  }
  if (current) visited.add(current);
  return { visited, taken, current, lastStep };
}

export function nodeTraceState(trace: Trace | null, id: string): TraceState | undefined {
  if (!trace) return undefined;
  if (trace.current === id) return 'current';
  return trace.visited.has(id) ? 'visited' : 'dimmed';
}

/** Class of an edge under a trace: the taken ones lit, the rest dimmed. */
export function edgeTraceClass(trace: Trace, source: string, port: string | null | undefined): string {
  return trace.taken.has(takenKey(source, port ?? '')) ? 'trace-taken' : 'trace-dimmed';
}
