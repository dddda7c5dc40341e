import type { FastifyInstance } from 'fastify';
import { dayIn, kpiReport } from '../analytics';
import { workspaceHours } from '../models/workspace-hours';
import { readiness, type Readiness } from '../routes/health/readiness';
import { withinHours, type OperationsSnapshot } from './alert-rules';

interface OpenRow {
  assigneeId?: unknown;
  inboxKey?: unknown;
  test?: boolean | null;
  handoff?: { at?: Date | null } | null;
  lastCustomerAt?: Date | null;
  createdAt: Date;
}

/**
 * What the operations page shows and the alert rules read, for one workspace. Every read is
 * bounded: the open conversations are one `statusKey` lookup (a working set small by nature), the
 * agents' presence is one document per agent, today's SLA and satisfaction figures come from the
 * KPI rollups of one day, and the error rate is this process's own 15-minute window.
 */
export async function operationsSnapshot(
  app: FastifyInstance,
  workspaceId: string,
  now = new Date(),
  ready?: Readiness,
): Promise<OperationsSnapshot & { checks: Readiness['checks'] }> {
  const { Conversation, AgentProfile, Workspace } = app.models;
  const [open, online, workspace, checks] = await Promise.all([
    Conversation.find(
      { workspaceId, statusKey: `${workspaceId}:open` },
      { assigneeId: 1, inboxKey: 1, test: 1, handoff: 1, lastCustomerAt: 1, createdAt: 1 },
    ).lean<OpenRow[]>(),
    AgentProfile.find({ workspaceId, presence: 'online' }, { _id: 1 }).lean(),
    Workspace.findOne({ _id: workspaceId }, { timeZone: 1, businessHours: 1 }).lean(),
    ready ? Promise.resolve(ready.checks) : readiness(app).then((r) => r.checks),
  ]);
  const live = open.filter((c) => !c.test);
  // Waiting: in a queue (an inbox key) with no agent; since the hand-off, else the customer's
  // latest message, else the start (no field records when routing queued it).
  const waits = live
    .filter((c) => c.inboxKey && !c.assigneeId)
    .map((c) => now.getTime() - new Date(c.handoff?.at ?? c.lastCustomerAt ?? c.createdAt).getTime());
  const hours = workspaceHours(workspace ?? {});
  const today = dayIn(hours.timeZone, now);
  const kpis = (
    await kpiReport(app.models, workspaceId, { from: today, to: today, groupBy: 'day' })
  ).totals.find((t) => t.value === null)?.kpis;
  const recent = app.productMetrics.recentRequests();
  return {
    checks,
    openNow: withinHours(hours, now.getTime()),
    openConversations: live.length,
    waiting: waits.length,
    longestWaitSeconds: Math.max(0, ...waits.map((ms) => Math.floor(ms / 1000))),
    agentsOnline: online.length,
    ticketsToday: kpis?.ticketsIn ?? 0,
    slaBreachesToday: kpis?.slaBreaches ?? 0,
    csatCount: kpis?.csat.count ?? 0,
    csatAverage: kpis?.csat.average ?? null,
    requests: recent.requests,
    errors: recent.errors,
    worker: checks.worker,
  };
}
