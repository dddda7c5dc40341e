import type { FastifyInstance } from 'fastify';
import {
  emptySchema,
  errorResponses,
  retentionSettingsSchema,
  type RetentionSettings,
} from '@kefu/schemas/api';
import { KefuError } from '../../errors';
import { staff } from '../../plugins/app/access';

/**
 * How long the workspace keeps its customers' history: the daily retention sweep deletes what is
 * older (privacy/retention.ts, docs/privacy.md). Owners only: it decides what is deleted.
 */
export function retentionRoutes(app: FastifyInstance): void {
  const { Workspace } = app.models;
  const tags = ['workspace'];
  const wire = (w: { retentionDays?: number | null } | null): RetentionSettings => {
    if (!w) throw new KefuError('KEFU_ERR_WORKSPACE_NOT_FOUND', 'No such workspace');
    return { days: w.retentionDays ?? null };
  };

  app.get(
    '/workspace/retention',
    {
      config: { roles: ['owner'] },
      schema: {
        tags,
        summary: 'How long customer history is kept',
        querystring: emptySchema,
        response: { 200: retentionSettingsSchema, ...errorResponses },
      },
    },
    async (request) =>
      wire(await Workspace.findById(staff(request).workspaceId, { retentionDays: 1 }).lean()),
  );

  app.put<{ Body: RetentionSettings }>(
    '/workspace/retention',
    {
      config: { roles: ['owner'] },
      schema: {
        tags,
        summary: 'Set how long customer history is kept',
        description:
          'Closed conversations (with their messages, notes and ratings), solved and closed tickets (with their ' +
          'events) and ended flow runs (with their steps) older than `days` are deleted by the daily sweep. ' +
          'null keeps them forever.',
        body: retentionSettingsSchema,
        response: { 200: retentionSettingsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const auth = staff(request);
      const { days } = request.body;
      const before = await Workspace.findById(auth.workspaceId, { retentionDays: 1 }).lean();
      const after = await Workspace.findByIdAndUpdate(
        auth.workspaceId,
        days === null ? { $unset: { retentionDays: 1 } } : { $set: { retentionDays: days } },
        { returnDocument: 'after' },
      ).lean();
      const result = wire(after);
      await app.audit.record(auth, {
        action: 'workspace.retention.change',
        targetType: 'workspace',
        targetId: auth.workspaceId,
        before: { days: before?.retentionDays ?? null },
        after: { days: result.days },
      });
      return result;
    },
  );
}
