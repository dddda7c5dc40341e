import type { FastifyInstance } from 'fastify';
import type { AlertRuleKey, OperationsStatus } from '@kefu/schemas/api';
import type { AlertStateDoc } from '../models/alert-state';
import { operationsSnapshot } from './operations-snapshot';

/** The operations page's figures for one workspace (GET /operations/status). */
export async function operationsStatus(app: FastifyInstance, workspaceId: string): Promise<OperationsStatus> {
  const [snapshot, states] = await Promise.all([
    operationsSnapshot(app, workspaceId),
    app.models.AlertState.find({ workspaceId }).lean<(AlertStateDoc & { _id: string })[]>(),
  ]);
  const { requests, errors } = snapshot;
  return {
    checks: snapshot.checks,
    openConversations: snapshot.openConversations,
    waiting: snapshot.waiting,
    longestWaitSeconds: snapshot.longestWaitSeconds,
    agentsOnline: snapshot.agentsOnline,
    errorRate: {
      requests,
      errors,
      percent: requests > 0 ? Math.round((errors / requests) * 1000) / 10 : 0,
    },
    alerts: states
      .filter((s) => s.changes > 0)
      .sort(
        (a, b) =>
          Number(b.state === 'firing') - Number(a.state === 'firing') ||
          new Date(b.since).getTime() - new Date(a.since).getTime(),
      )
      .map((s) => ({
        rule: s.rule as AlertRuleKey,
        state: s.state,
        since: new Date(s.since).toISOString(),
        detail: s.detail ?? '',
      })),
  };
}
