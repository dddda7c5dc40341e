import fp from 'fastify-plugin';
import type { StaffAuth } from './accounts';

export interface AuditChange {
  /** What was done, `<target>.<verb>`: user.update, user.roles.change, invite.create, workspace.update ... */
  action: string;
  targetType: string;
  targetId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export interface Audit {
  /**
   * Records one change by a signed-in user. Only the fields that differ are kept from before/after.
   * Call it after the change is stored: a failed change leaves no entry.
   */
  record(actor: StaffAuth, change: AuditChange): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    audit: Audit;
  }
}

export default fp(
  async (app) => {
    app.decorate('audit', {
      async record(actor, change) {
        const { before, after } = changedFields(change.before ?? null, change.after ?? null);
        await app.models.AuditEntry.create({
          workspaceId: actor.workspaceId,
          actorId: actor.userId,
          actorEmail: actor.email,
          action: change.action,
          targetType: change.targetType,
          targetId: change.targetId,
          before,
          after,
        });
      },
    } satisfies Audit);
  },
  { name: 'audit', dependencies: ['db'] },
);

/** Keeps only the keys whose values differ (compared as JSON), so an entry says what changed. */
export function changedFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): { before: Record<string, unknown> | null; after: Record<string, unknown> | null } {
  if (!before || !after) return { before, after };
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    b[key] = before[key] ?? null;
    a[key] = after[key] ?? null;
  }
  return { before: b, after: a };
}
