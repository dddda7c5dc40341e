import type { FastifyPluginAsync } from 'fastify';
import { emailChannelSchema, errorResponses, type EmailChannel } from '@kefu/schemas/api';
import { staff } from '../../plugins/app/access';
import { workspaceAddress } from '../../channels/email/mail-address';
import { KefuError } from '../../errors';

/** The email channel as owners see it: where customers write to. */
const emailChannelRoutes: FastifyPluginAsync<{ mailDomain: string }> = async (app, opts) => {
  app.get(
    '/channels/email',
    {
      config: { roles: ['owner'] },
      schema: {
        tags: ['channels'],
        summary: "The workspace's email address",
        response: { 200: emailChannelSchema, ...errorResponses },
      },
    },
    async (request): Promise<EmailChannel> => {
      const { workspaceId } = staff(request);
      const workspace = await app.models.Workspace.findOne({ _id: workspaceId }, { publicKey: 1 }).lean();
      if (!workspace) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such workspace');
      return { address: workspaceAddress(workspace.publicKey, opts.mailDomain), receiving: Boolean(app.smtpListener) };
    },
  );
};

export default emailChannelRoutes;
