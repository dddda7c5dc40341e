import { continueAsNew, proxyActivities } from '@temporalio/workflow';
import type { ErasedCounts } from '@kefu/schemas/api';
import type { RetentionActivities } from '../retention/retention-activities';

const { retentionWorkspaces, sweepRetentionBatch } = proxyActivities<RetentionActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** Batches one run takes before it continues as new: the history stays small however much is deleted. */
const BATCHES_PER_RUN = 500;

export interface RetentionSweepInput {
  /** One workspace (a test, an owner's "sweep now"); absent: every workspace with a period. */
  workspaceId?: string;
  /** Workspaces still to sweep, when continued as new. */
  remaining?: string[];
  erased?: ErasedCounts;
}

/**
 * Deletes what is older than each workspace's retention period (docs/privacy.md "Retention"),
 * started daily by the `retention-sweep` Temporal Schedule (the API's retention-schedule plugin).
 * Each batch is an idempotent activity, so a retried or re-run sweep deletes nothing twice and a
 * sweep with nothing past the period deletes nothing.
 */
export async function retentionSweep(input: RetentionSweepInput = {}): Promise<ErasedCounts> {
  const remaining =
    input.remaining ?? (input.workspaceId ? [input.workspaceId] : await retentionWorkspaces());
  const erased: ErasedCounts = { ...input.erased };
  let batches = 0;
  while (remaining.length) {
    const workspaceId = remaining[0]!;
    let positions = {};
    for (;;) {
      if (++batches > BATCHES_PER_RUN)
        return await continueAsNew<typeof retentionSweep>({ remaining, erased });
      const pass = await sweepRetentionBatch({ workspaceId, positions });
      for (const [what, n] of Object.entries(pass.erased)) erased[what] = (erased[what] ?? 0) + n;
      if (!pass.more) break;
      positions = pass.positions;
    }
    remaining.shift();
  }
  return erased;
}
