import type { Models } from '@kefu/runtime/models';
import {
  sweepRetention,
  workspacesWithRetention,
  type SweepPositions,
  type SweepResult,
} from '@kefu/runtime/privacy';

/**
 * The retention sweep's two activities (workflows/retention-sweep.ts): which workspaces have a
 * period, and one bounded, idempotent pass over one of them (privacy/retention.ts in the runtime).
 */
export function retentionActivities(models: Models) {
  return {
    async retentionWorkspaces(): Promise<string[]> {
      return await workspacesWithRetention(models);
    },
    async sweepRetentionBatch(input: {
      workspaceId: string;
      positions: SweepPositions;
    }): Promise<SweepResult> {
      return await sweepRetention(models, input.workspaceId, input.positions);
    },
  };
}

export type RetentionActivities = ReturnType<typeof retentionActivities>;
