import type { FastifyPluginAsync } from 'fastify';
import {
  emptySchema,
  errorResponses,
  workspacePatchSchema,
  workspaceSettingsSchema,
  type WorkspacePatch,
} from '@kefu/schemas/api';
import { KefuError } from '../../errors';
import { ANY_STAFF, staff } from '../../plugins/app/access';
import { toWireWorkspace } from '../../auth/wire';
import { businessHoursRoutes } from './business-hours';
import { sensitiveWordRoutes } from './sensitive-words';
import { retentionRoutes } from './retention';

/** The signed-in user's workspace settings; owners change them. */
const workspaceRoutes: FastifyPluginAsync = async (app) => {
  const { Workspace } = app.models;
  const tags = ['workspace'];

  app.get(
    '/workspace',
    {
      config: { roles: ANY_STAFF },
      schema: {
        tags,
        summary: 'Workspace settings',
        querystring: emptySchema,
        response: { 200: workspaceSettingsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const workspace = await Workspace.findById(staff(request).workspaceId).lean();
      if (!workspace) throw new KefuError('KEFU_ERR_WORKSPACE_NOT_FOUND', 'No such workspace');
      return toWireWorkspace(workspace);
    },
  );

  app.patch<{ Body: WorkspacePatch }>(
    '/workspace',
    {
      config: { roles: ['owner'] },
      schema: {
        tags,
        summary: 'Change workspace settings',
        body: workspacePatchSchema,
        response: { 200: workspaceSettingsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const auth = staff(request);
      if (request.body.timeZone !== undefined && !isTimeZone(request.body.timeZone))
        throw new KefuError('KEFU_ERR_VALIDATION', 'body/timeZone is not an IANA time zone', 'body/timeZone');
      const before = await Workspace.findById(auth.workspaceId).lean();
      const after = await Workspace.findByIdAndUpdate(
        auth.workspaceId,
        { $set: request.body },
        { returnDocument: 'after' },
      ).lean();
      if (!before || !after) throw new KefuError('KEFU_ERR_WORKSPACE_NOT_FOUND', 'No such workspace');
      const b = toWireWorkspace(before);
      const a = toWireWorkspace(after);
      await app.audit.record(auth, {
        action: 'workspace.update',
        targetType: 'workspace',
        targetId: a.id,
        before: { name: b.name, timeZone: b.timeZone },
        after: { name: a.name, timeZone: a.timeZone },
      });
      return a;
    },
  );

  businessHoursRoutes(app);
  sensitiveWordRoutes(app);
  retentionRoutes(app);
};

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export default workspaceRoutes;
