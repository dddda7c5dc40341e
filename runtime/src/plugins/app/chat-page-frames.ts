import fp from 'fastify-plugin';
import { CHAT_PAGE_PREFIX } from '../external/helmet';

/**
 * The chat page's frame-ancestors narrowed to the sites the workspace's owner allowed (widget
 * settings): the loader frames /chat/?workspace=KEY, so this is where a browser on another site is
 * stopped. No list: any site may frame it (helmet.ts). The socket's own Origin check is in
 * routes/widget/widget-origin.ts.
 */
export default fp(
  async (app) => {
    app.addHook('onSend', async (request, reply) => {
      if (
        !request.url.startsWith(CHAT_PAGE_PREFIX) ||
        !reply.getHeader('content-type')?.toString().startsWith('text/html')
      )
        return;
      const policy = reply.getHeader('content-security-policy');
      if (typeof policy !== 'string') return;
      // The chat page falls back to the demo shop without ?workspace= (editor/src/widget/chat-page.tsx).
      const key = (request.query as { workspace?: unknown }).workspace ?? 'demo';
      if (typeof key !== 'string') return;
      const workspace = await app.models.Workspace.findOne({ publicKey: key }, { widgetOrigins: 1 }).lean();
      const allowed = workspace?.widgetOrigins ?? [];
      if (allowed.length === 0) return;
      reply.header(
        'content-security-policy',
        policy.replace('frame-ancestors *', `frame-ancestors 'self' ${allowed.join(' ')}`),
      );
    });
  },
  { name: 'chat-page-frames', dependencies: ['db', 'helmet'] },
);
