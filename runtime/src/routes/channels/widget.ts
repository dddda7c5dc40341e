import type { FastifyPluginAsync } from 'fastify';
import { errorResponses, widgetChannelSchema, type WidgetChannel } from '@kefu/schemas/api';
import { staff } from '../../plugins/app/access';
import { KefuError } from '../../errors';

/** The widget channel as owners set it: the sites allowed to embed the chat. */
const widgetChannelRoutes: FastifyPluginAsync = async (app) => {
  const { Workspace } = app.models;
  const tags = ['channels'];

  app.get(
    '/channels/widget',
    {
      config: { roles: ['owner'] },
      schema: {
        tags,
        summary: 'Which sites may embed the widget',
        response: { 200: widgetChannelSchema, ...errorResponses },
      },
    },
    async (request): Promise<WidgetChannel> => {
      const { workspaceId } = staff(request);
      const workspace = await Workspace.findOne({ _id: workspaceId }, { widgetOrigins: 1 }).lean();
      if (!workspace) throw new KefuError('KEFU_ERR_WORKSPACE_NOT_FOUND', 'No such workspace');
      return { allowedOrigins: workspace.widgetOrigins ?? [] };
    },
  );

  app.put<{ Body: WidgetChannel }>(
    '/channels/widget',
    {
      config: { roles: ['owner'] },
      schema: {
        tags,
        summary: 'Set which sites may embed the widget (an empty list: any site)',
        body: widgetChannelSchema,
        response: { 200: widgetChannelSchema, ...errorResponses },
      },
    },
    async (request): Promise<WidgetChannel> => {
      const auth = staff(request);
      // Stored as browsers send Origin (lower case, default port dropped), so checks compare strings.
      const allowedOrigins = [...new Set(request.body.allowedOrigins.map((o) => new URL(o).origin))];
      // No projection: FerretDB's findAndModify does not take one.
      const before = await Workspace.findOneAndUpdate(
        { _id: auth.workspaceId },
        { $set: { widgetOrigins: allowedOrigins } },
      ).lean();
      if (!before) throw new KefuError('KEFU_ERR_WORKSPACE_NOT_FOUND', 'No such workspace');
      await app.audit.record(auth, {
        action: 'widget.update',
        targetType: 'workspace',
        targetId: auth.workspaceId,
        before: { allowedOrigins: before.widgetOrigins ?? [] },
        after: { allowedOrigins },
      });
      return { allowedOrigins };
    },
  );
};

export default widgetChannelRoutes;
