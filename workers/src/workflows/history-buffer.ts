import type { RunHistoryFlush, StepRecord } from '@kefu/schemas';
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

  constructor(
    private readonly target: Target,
    private readonly run: RunInfo,
    private stepCount: number,
  ) {}

  add(step: StepRecord): void {
    this.buffered.push(step);
    this.stepCount = step.step;
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
    };
    this.buffered = [];
    this.chain = this.chain.then(() => recordRunHistory(batch));
  }

  settled(): Promise<void> {
    return this.chain;
  }
}
