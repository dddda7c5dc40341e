import type { AuditEntry, AuditFilter } from '@kefu/schemas/api';
import { toSpreadsheetCsv } from '../../csv/spreadsheet-csv';
import type { AuditEntryDoc } from '../../models/audit-entry';
import { DEFAULT_EXPORT_PACING, pacedBatches, type ExportPacing, type Models } from '../../models';

export type Entry = AuditEntryDoc & Record<string, unknown> & { _id: unknown };

/** Whether an entry passes the log's filters (none of them is an indexed key: applied to what is read). */
export function auditEntryMatcher(filter: AuditFilter): ((e: Entry) => boolean) | undefined {
  const { action, actor } = filter;
  const from = filter.from ? new Date(filter.from) : undefined;
  const to = filter.to ? new Date(filter.to) : undefined;
  if (!action && !actor && !from && !to) return undefined;
  return (e) =>
    (!action || e.action === action) &&
    (!actor || String(e.actorId) === actor) &&
    (!from || e.at >= from) &&
    (!to || e.at < to);
}

const HEADER = ['at', 'actor_id', 'actor_email', 'action', 'target_type', 'target_id', 'before', 'after'];

/**
 * The audit log as CSV, produced as the response is read (one paced batch in memory). Before and
 * after are JSON in their cells; every cell goes through the spreadsheet guard, since an actor's
 * email or a changed name can begin with `=`.
 */
export async function* exportAuditCsv(
  models: Models,
  workspaceId: string,
  filter: AuditFilter,
  pacing: ExportPacing = DEFAULT_EXPORT_PACING,
): AsyncGenerator<string> {
  const match = auditEntryMatcher(filter) ?? (() => true);
  yield `\uFEFF${toSpreadsheetCsv([HEADER])}`;
  for await (const batch of pacedBatches<Entry>(models.AuditEntry, { workspaceId }, null, pacing)) {
    const rows = batch.filter(match).map((e) => {
      const w = toWireEntry(e);
      return [
        w.at,
        w.actor.id,
        w.actor.email,
        w.action,
        w.target.type,
        w.target.id,
        json(w.before),
        json(w.after),
      ];
    });
    if (rows.length) yield toSpreadsheetCsv(rows);
  }
}

const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));

export function toWireEntry(e: Entry): AuditEntry {
  return {
    id: String(e._id),
    at: e.at.toISOString(),
    actor: { id: String(e.actorId), email: e.actorEmail },
    action: e.action,
    target: { type: e.targetType, id: e.targetId },
    before: e.before ?? null,
    after: e.after ?? null,
  };
}
