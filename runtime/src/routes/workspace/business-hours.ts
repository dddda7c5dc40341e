import type { FastifyInstance } from 'fastify';
import { businessHoursSpecSchema, emptySchema, errorResponses, type BusinessHoursSpec } from '@kefu/schemas/api';
import { checkBusinessHours } from '@kefu/nodes';
import { KefuError } from '../../errors';
import { ANY_STAFF, staff } from '../../plugins/app/access';
import { workspaceHours } from '../../models/workspace-hours';

/**
 * The workspace's weekly hours, holidays and time zone. One time zone per workspace: the hours'
 * `timeZone` is the workspace's, so the hours, reports and SLA due dates never disagree about it.
 * Checked by the business-hours node's own compile check, so a step and the workspace accept the same.
 */
export function businessHoursRoutes(app: FastifyInstance): void {
  const { Workspace } = app.models;
  const tags = ['workspace'];

  async function read(workspaceId: string): Promise<BusinessHoursSpec> {
    const workspace = await Workspace.findById(workspaceId).lean();
    if (!workspace) throw new KefuError('KEFU_ERR_WORKSPACE_NOT_FOUND', 'No such workspace');
    return workspaceHours(workspace);
  }

  app.get(
    '/workspace/business-hours',
    {
      config: { roles: ANY_STAFF },
      schema: {
        tags,
        summary: 'Weekly opening hours, holidays and time zone',
        description: 'An empty schedule: no hours set (business-hours steps and SLA policies use their own or defaults).',
        querystring: emptySchema,
        response: { 200: businessHoursSpecSchema, ...errorResponses },
      },
    },
    async (request) => await read(staff(request).workspaceId),
  );

  app.put<{ Body: BusinessHoursSpec }>(
    '/workspace/business-hours',
    {
      config: { roles: ['owner'] },
      schema: {
        tags,
        summary: 'Set the weekly opening hours, holidays and time zone',
        description:
          "timeZone, when given, becomes the workspace's time zone. Business-hours steps with no schedule of their " +
          'own and SLA policies with no hours of their own count these hours.',
        body: businessHoursSpecSchema,
        response: { 200: businessHoursSpecSchema, ...errorResponses },
      },
    },
    async (request) => {
      const auth = staff(request);
      const body = request.body;
      const [problem] = checkBusinessHours({ ...body, holidays: body.holidays ?? [] });
      if (problem) throw new KefuError('KEFU_ERR_VALIDATION', problem.message.en, `body${problem.field}`);
      const before = await read(auth.workspaceId);
      const businessHours = { schedule: body.schedule, holidays: body.holidays ?? [] };
      await Workspace.updateOne(
        { _id: auth.workspaceId },
        { $set: { businessHours, ...(body.timeZone ? { timeZone: body.timeZone } : {}) } },
      );
      const after = await read(auth.workspaceId);
      await app.audit.record(auth, {
        action: 'workspace.business-hours',
        targetType: 'workspace',
        targetId: auth.workspaceId,
        before,
        after,
      });
      return after;
    },
  );
}
