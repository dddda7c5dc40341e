import type { FunnelNode, FunnelQuery, FunnelReport } from '@kefu/schemas/api';
import type { Models } from '../models';
import { funnelKeyName, type FunnelBucketDoc } from '../models';
import { mergeHistogram, quantile, type Histogram } from '../models/kpi-histogram';
import { sweepKpiEvents } from '../models/kpi-record';
import { daysBetween } from './kpi-days';

interface StoredNode {
  entered?: number;
  runs?: number;
  left?: Record<string, number>;
  finished?: number;
  stopped?: number;
  failed?: number;
  waiting?: number;
  time?: Histogram;
}

/**
 * GET /analytics/funnel: the version's day buckets of the range (one lookup per month), summed per
 * node. Never reads a run or a step. `from`/`to` are checked by the route.
 */
export async function funnelReport(
  models: Models,
  workspaceId: string,
  query: FunnelQuery,
): Promise<FunnelReport> {
  const { flowId, version, from, to } = query;
  // A flush whose writer stopped between the ledger and the bucket is applied before reading.
  await sweepKpiEvents(models.FunnelBucket.db, { workspaceId });
  const days = new Set(daysBetween(from, to));
  const months = [...new Set([...days].map((d) => d.slice(0, 7)))];
  const [workspace, ...monthly] = await Promise.all([
    models.Workspace.findOne({ _id: workspaceId }, { timeZone: 1 }).lean<{ timeZone?: string }>(),
    ...months.map((m) =>
      models.FunnelBucket.find({
        workspaceId,
        month: `${workspaceId}:${flowId}:${version}:${m}`,
      }).lean<FunnelBucketDoc[]>(),
    ),
  ]);
  let runs = 0;
  const sums = new Map<string, Required<StoredNode>>();
  for (const bucket of monthly.flat()) {
    if (!days.has(bucket.day)) continue;
    runs += bucket.runs ?? 0;
    for (const [key, n] of Object.entries((bucket.nodes ?? {}) as Record<string, StoredNode>)) {
      const s = sums.get(key) ?? {
        entered: 0,
        runs: 0,
        left: {},
        finished: 0,
        stopped: 0,
        failed: 0,
        waiting: 0,
        time: {},
      };
      s.entered += n.entered ?? 0;
      s.runs += n.runs ?? 0;
      for (const [port, c] of Object.entries(n.left ?? {})) s.left[port] = (s.left[port] ?? 0) + c;
      s.finished += n.finished ?? 0;
      s.stopped += n.stopped ?? 0;
      s.failed += n.failed ?? 0;
      s.waiting += n.waiting ?? 0;
      mergeHistogram(s.time, n.time);
      sums.set(key, s);
    }
  }
  const nodes: FunnelNode[] = [...sums].map(([key, s]) => ({
    nodeId: funnelKeyName(key),
    entered: s.runs,
    visits: s.entered,
    left: Object.fromEntries(Object.entries(s.left).map(([p, c]) => [funnelKeyName(p), c])),
    finished: s.finished,
    dropped: s.stopped + s.failed,
    failed: s.failed,
    waiting: Math.max(0, s.waiting),
    time: {
      count: Object.values(s.time).reduce((a, b) => a + b, 0),
      median: quantile(s.time, 0.5),
      p90: quantile(s.time, 0.9),
    },
  }));
  nodes.sort((a, b) => b.entered - a.entered || a.nodeId.localeCompare(b.nodeId));
  return { flowId, version, from, to, timeZone: workspace?.timeZone ?? 'UTC', runs, nodes };
}
