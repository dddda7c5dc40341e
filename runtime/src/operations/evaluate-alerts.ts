import type { FastifyInstance } from 'fastify';
import type { AlertSettings } from '@kefu/schemas/api';
import { insertUnique, transition } from '../models';
import type { AlertStateDoc } from '../models/alert-state';
import type { Readiness } from '../routes/health/readiness';
import { decide } from './alert-decision';
import { readRules, type OperationsSnapshot } from './alert-rules';
import type { AlertNotice } from './alert-notice';
import { operationsSnapshot } from './operations-snapshot';

export type SendNotice = (
  notice: AlertNotice,
  where: { emailOwners: boolean; webhookUrl: string | null },
  noticeId: string,
) => Promise<void>;

type StoredState = AlertStateDoc & { _id: string };

/**
 * One evaluation of one workspace's rules: read the snapshot, move each rule's state (alert-decision.ts)
 * with a conditional write from the state it was decided from, then send every notice still due.
 * Only a write that changed the state makes a notice due, so a condition that lasts sends nothing
 * more, and two evaluators racing send one notice.
 */
export async function evaluateAlerts(
  app: FastifyInstance,
  settings: { workspaceId: unknown; emailOwners: boolean; webhookUrl?: string | null; rules: unknown },
  send: SendNotice,
  ready: Readiness,
  now = new Date(),
): Promise<OperationsSnapshot> {
  const { AlertState } = app.models;
  const workspaceId = String(settings.workspaceId);
  const snapshot = await operationsSnapshot(app, workspaceId, now, ready);
  const stored = await AlertState.find({ workspaceId }).lean<StoredState[]>();
  const readings = readRules(settings.rules as AlertSettings['rules'], snapshot);
  for (const reading of readings) {
    const before = stored.find((s) => s.rule === reading.rule) ?? null;
    const next = decide(before, reading.breached);
    const _id = `${workspaceId}:${reading.rule}`;
    if (!before) {
      if (next.streak === 0 && !next.changed) continue;
      await insertUnique(AlertState, {
        _id,
        workspaceId,
        rule: reading.rule,
        state: next.state,
        streak: next.streak,
        since: now,
        detail: reading.detail,
        notice: next.changed,
        changes: next.changed ? 1 : 0,
      });
    } else if (next.changed) {
      await transition(
        AlertState,
        { _id, workspaceId, state: before.state, streak: before.streak },
        {
          $set: { state: next.state, streak: 0, since: now, detail: reading.detail, notice: next.changed },
          $inc: { changes: 1 },
        },
      );
    } else if (next.streak !== before.streak) {
      await transition(
        AlertState,
        { _id, workspaceId, state: before.state, streak: before.streak },
        { $set: { streak: next.streak } },
      );
    }
  }
  // A rule turned off while firing ends without a notice: the owner chose not to hear of it.
  const read = new Set(readings.map((r) => r.rule));
  for (const s of stored.filter((s) => s.state === 'firing' && !read.has(s.rule)))
    await transition(
      AlertState,
      { _id: s._id, workspaceId, state: 'firing', streak: s.streak },
      { $set: { state: 'resolved', streak: 0, since: now, detail: 'rule turned off', notice: null } },
    );
  const due = (await AlertState.find({ workspaceId }).lean<StoredState[]>()).filter((s) => s.notice);
  for (const s of due) {
    const kind = s.notice as 'fired' | 'resolved';
    try {
      await send(
        { workspaceId, rule: s.rule, kind, detail: s.detail ?? '', at: s.since },
        { emailOwners: settings.emailOwners, webhookUrl: settings.webhookUrl ?? null },
        `${s._id.replace(':', '.')}.${s.changes}`,
      );
      await transition(
        AlertState,
        { _id: s._id, workspaceId, notice: kind, changes: s.changes },
        { $set: { notice: null } },
      );
    } catch (err) {
      app.log.warn({ err, rule: s.rule, workspaceId }, 'alert notice not sent; the next pass tries again');
    }
  }
  return snapshot;
}
