import type { Connection } from 'mongoose';
import type { RunHistoryFlush } from '@kefu/schemas';
import type { KpiEventDoc } from './kpi-bucket';
import { binOf } from './kpi-histogram';
import { dayIn } from './kpi-noted';
import { kpiEventId, recordKpiEvent } from './kpi-record';

/**
 * A flow version's funnel, counted from the run history as the worker writes it (run-history.ts):
 * each flush of a run is one event of the KPI ledger (`rollup: 'funnel'`), so a retried flush counts
 * once, and its increments go to one FunnelBucket (the version's, on the day the run started) in one
 * `$inc`. What a flush cannot know alone — the nodes the run passed before, whether it was waiting —
 * it reads from the ledger entry of the flush before it (one key lookup; entries never change), which
 * is always written first because a run's flushes are chained.
 */
export interface FunnelCarry {
  /** Node ids the run has entered so far. */
  seen: string[];
  /** The node the run waits in after this flush (a question, a wait): counted as waiting there. */
  waitingAt?: string;
}

/** Node ids and ports as document keys: no dots, no `$`, nothing to escape back wrongly. */
export const funnelKey = (s: string) =>
  s.replace(/[^A-Za-z0-9_-]/g, (c) => `~${c.codePointAt(0)!.toString(16).padStart(4, '0')}`);
export const funnelKeyName = (k: string) =>
  k.replace(/~([0-9a-f]{4})/g, (_, h: string) => String.fromCodePoint(parseInt(h, 16)));

const entityOf = (runId: string, stepCount: number, status: string) => `${runId}/${stepCount}/${status}`;

const ZONE_TTL_MS = 60_000;
const zones = new Map<string, { zone: string; until: number }>();
async function dayOf(conn: Connection, workspaceId: string, at: Date): Promise<string> {
  let cached = zones.get(workspaceId);
  if (!cached || cached.until < Date.now()) {
    const ws = await conn
      .model('Workspace')
      .findOne({ _id: workspaceId }, { timeZone: 1 })
      .lean<{ timeZone?: string }>();
    cached = { zone: ws?.timeZone ?? 'UTC', until: Date.now() + ZONE_TTL_MS };
    zones.set(workspaceId, cached);
  }
  return dayIn(cached.zone, at);
}

/**
 * Counts one flush into its funnel; false when it was counted before, or not counted at all
 * (a simulation; a run that began before funnels were kept). `endsFlow(nodeType)` says whether a
 * node is a designed ending (no port to go on by: End, Close conversation): a run that completes
 * anywhere else stopped short. `stopAfter` is for fault tests.
 */
export async function recordFunnelFlush(
  conn: Connection,
  flush: RunHistoryFlush,
  endsFlow: (nodeType: string) => boolean,
  stopAfter?: 'ledger' | 'bucket',
): Promise<boolean> {
  const { run, workspaceId, steps } = flush;
  if (run.test) return false;
  const firstStep = steps[0]?.step ?? flush.stepCount + 1;
  let before: FunnelCarry = { seen: [] };
  if (firstStep > 1) {
    // The flush before this one ended at step firstStep - 1 and was a running one (only the last is not).
    const prior = await conn
      .model<KpiEventDoc>('KpiEvent')
      .findOne({
        workspaceId,
        _id: kpiEventId({
          workspaceId,
          kind: 'funnel',
          entityId: entityOf(run.runId, firstStep - 1, 'running'),
        }),
      })
      .lean<{ carry?: FunnelCarry }>();
    if (!prior?.carry) return false;
    before = prior.carry;
  }

  const inc: Record<string, number> = {};
  const add = (path: string, n = 1) => {
    inc[path] = (inc[path] ?? 0) + n;
  };
  const node = (id: string) => `nodes.${funnelKey(id)}`;
  if (firstStep === 1) add('runs');
  if (before.waitingAt) add(`${node(before.waitingAt)}.waiting`, -1);
  const seen = new Set(before.seen);
  for (const s of steps) {
    add(`${node(s.nodeId)}.entered`);
    if (!seen.has(s.nodeId)) add(`${node(s.nodeId)}.runs`);
    seen.add(s.nodeId);
    if (s.port !== null) add(`${node(s.nodeId)}.left.${funnelKey(s.port)}`);
    add(`${node(s.nodeId)}.time.${binOf(Math.max(0, s.leftAt - s.enteredAt) / 1000)}`);
  }
  const last = steps[steps.length - 1];
  let waitingAt: string | undefined;
  if (flush.status === 'running') {
    // Flushed because it waits in currentNodeId (whose step comes with the next flush); a flush of a
    // full buffer names the node just left instead, and the run is not waiting.
    if (flush.currentNodeId && flush.currentNodeId !== last?.nodeId) waitingAt = flush.currentNodeId;
  } else if (flush.endNodeId) {
    const endType = [...steps].reverse().find((s) => s.nodeId === flush.endNodeId)?.nodeType;
    const how = flush.status === 'failed' ? 'failed' : endType && endsFlow(endType) ? 'finished' : 'stopped';
    add(`${node(flush.endNodeId)}.${how}`);
  }
  if (waitingAt) {
    add(`${node(waitingAt)}.waiting`);
    seen.add(waitingAt);
    // Waiting is entering: counted as a run that entered when it waits, not again when it leaves.
    if (!before.seen.includes(waitingAt) && !steps.some((s) => s.nodeId === waitingAt))
      add(`${node(waitingAt)}.runs`);
  }
  const day = await dayOf(conn, workspaceId, new Date(run.startedAt));
  return recordKpiEvent(
    conn,
    {
      workspaceId,
      kind: 'funnel',
      entityId: entityOf(run.runId, flush.stepCount, flush.status),
      day,
      inc,
      rollup: 'funnel',
      bucket: `${workspaceId}:${run.flowId}:${run.version}:${day}`,
      carry: { seen: [...seen], ...(waitingAt ? { waitingAt } : {}) },
    },
    stopAfter,
  );
}
