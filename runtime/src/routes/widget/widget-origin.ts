import type { FastifyInstance, FastifyRequest } from 'fastify';
import { KefuError } from '../../errors';

/**
 * Refuses a widget hello from a browser page whose origin the workspace's owner did not allow.
 *
 * The embed loader opens the chat in an iframe served from this server, so its socket always comes
 * from our own origin and is let through here; for that path the allowed sites are enforced by the
 * chat page's frame-ancestors (chat-page-frames.ts). This check covers pages that open the socket
 * themselves. No Origin: not a browser (browsers always send it), nothing to enforce.
 * An empty or absent list allows every site, as before the setting existed.
 */
export async function assertWidgetOrigin(
  app: FastifyInstance,
  request: FastifyRequest,
  workspaceKey: string,
): Promise<void> {
  const { origin } = request.headers;
  if (origin === undefined || app.ownOrigin.matches(request, origin)) return;
  const workspace = await app.models.Workspace.findOne(
    { publicKey: workspaceKey },
    { widgetOrigins: 1 },
  ).lean();
  const allowed = workspace?.widgetOrigins ?? [];
  // An unknown workspace is answered by openForVisitor, as for any other hello.
  if (!workspace || allowed.length === 0 || allowed.includes(origin.toLowerCase())) return;
  throw new KefuError(
    'KEFU_ERR_ORIGIN_REFUSED',
    `This chat is not enabled on ${origin}; the shop's owner can add it in the widget settings`,
    '/workspace',
  );
}
