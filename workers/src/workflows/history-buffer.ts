import type { CompiledFlow, RunHistoryFlush, StepRecord } from '@kefu/schemas';
import { findNode } from '@kefu/nodes';
import { recordRunHistory } from './flow-activities';

type RunInfo = RunHistoryFlush['run'];
type Target = Pick<RunHistoryFlush, 'workspaceId' | 'conversationId'>;

/** Flush at the latest after this many steps, so a run that never waits still shows its progress. */
const MAX_BUFFERED_STEPS = 25;

/**
 * Collects finished steps and writes them in batches, one flush after another. Batches go out when
 * the run starts to wait (so the customer's reply is never delayed by history writes), when the buffer
 * fills up, and when the run ends. Flushes are chained, so the stored run never moves backwards.
 */
export class HistoryBuffer {
  private buffered: StepRecord[] = [];
  private chain: Promise<void> = Promise.resolve();
  /** Teams the run handed to, for the run explorer's team filter; every flush carries them all. */
  private readonly teams = new Set<string>();
  private lastNodeId: string | null = null;

  constructor(
    private readonly target: Target,
    private readonly run: RunInfo,
    private stepCount: number,
    private readonly flow?: CompiledFlow,
  ) {}

  add(step: StepRecord): void {
    this.buffered.push(step);
    this.stepCount = step.step;
    this.lastNodeId = step.nodeId;
    // The catalog says which teams a node names (route to team, escalate, create ticket): no list here.
    const node = this.flow?.nodes[step.nodeId];
    const refs = node ? (findNode(node.type)?.references?.(node.config as never) ?? []) : [];
    for (const ref of refs) if (ref.kind === 'team') this.teams.add(ref.id);
    if (this.buffered.length >= MAX_BUFFERED_STEPS) this.flush('running', step.nodeId);
  }

  /** Starts a flush in the background; `settled()` waits for every flush so far. */
  flush(
    status: RunHistoryFlush['status'],
    currentNodeId: string | null,
    failure?: RunHistoryFlush['failure'],
  ): void {
    if (status === 'running' && this.buffered.length === 0) return;
    const batch: RunHistoryFlush = {
      ...this.target,
      run: this.run,
      steps: this.buffered,
      stepCount: this.stepCount,
      status,
      currentNodeId,
      ...(failure ? { failure } : {}),
      ...(this.teams.size ? { teams: [...this.teams] } : {}),
      ...(status !== 'running' && this.lastNodeId ? { endNodeId: this.lastNodeId } : {}),
    };
    this.buffered = [];
    this.chain = this.chain.then(() => recordRunHistory(batch));
  }

  settled(): Promise<void> {
    return this.chain;
  }
}
