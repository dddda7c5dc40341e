import type { FastifyPluginAsync } from 'fastify';
import type { WebSocket } from 'ws';
import { errorBodySchema } from '@kefu/schemas';
import { agentClientFrameSchema, type AgentClientFrame, type AgentServerFrame } from '@kefu/schemas/api';
import { checker } from '@kefu/schemas/validate';
import { KefuError } from '../../errors';
import { staff } from '../../plugins/app/access';

const isClientFrame = checker<AgentClientFrame>(agentClientFrameSchema);
/** Agents send only pings; anything larger is not one. */
const CLIENT_FRAME_MAX_BYTES = 1024;

/**
 * The console's real-time channel: the upgrade request carries the session cookie, so the access
 * hook signs the agent in as for any console route. Frames: see @kefu/schemas/api agent-events.ts.
 * The session is checked when the socket opens; signing out elsewhere does not close an open socket
 * (it ends at the next reconnect).
 *
 * Browsers send the cookie with a socket opened from any site, so the upgrade is refused (403) unless
 * its Origin is this server's own: no other page can open an agent's inbox with the agent's cookie
 * (cross-site WebSocket hijacking). A request without Origin is not a browser's (browsers always
 * send it on a WebSocket handshake) and is let through: its sender holds the cookie itself.
 */
const agentSocket: FastifyPluginAsync = async (app) => {
  app.route({
    method: 'GET',
    url: '/ws/agent',
    config: { roles: ['owner', 'agent'] },
    onRequest: async (request) => {
      const { origin } = request.headers;
      if (origin !== undefined && !app.ownOrigin.matches(request, origin))
        throw new KefuError(
          'KEFU_ERR_ORIGIN_REFUSED',
          "The inbox socket opens only from this server's own pages",
        );
    },
    schema: {
      summary: 'Agent inbox socket (WebSocket upgrade)',
      tags: ['inbox'],
      description:
        'Server frames: ready, offer.created, offer.ended, conversation.queued/assigned/transferred/resolved/reopened/updated, ' +
        'message.created, note.created, contact.typing, pong, error. Client frames: ping. A plain GET gets 426.',
      querystring: { type: 'object', additionalProperties: false, properties: {} },
      response: { '4xx': errorBodySchema },
    },
    handler: async () => {
      throw new KefuError('KEFU_ERR_UPGRADE_REQUIRED', 'Open this URL as a WebSocket');
    },
    wsHandler: (socket: WebSocket, request) => {
      const { workspaceId, userId, roles } = staff(request);
      const send = (frame: AgentServerFrame) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
      };
      const leave = app.agentHub.join({ workspaceId, userId, roles, send });
      socket.on('close', leave);
      socket.on('message', (raw, isBinary) => {
        const text = !isBinary && (raw as Buffer).length <= CLIENT_FRAME_MAX_BYTES ? raw.toString() : null;
        let frame: unknown = null;
        try {
          frame = text === null ? null : JSON.parse(text);
        } catch {
          // answered below as an unknown frame
        }
        if (isClientFrame(frame).ok) return send({ type: 'pong' });
        send({
          type: 'error',
          ...new KefuError(
            'KEFU_ERR_UNKNOWN_FRAME',
            'The only frame agents send is {"type":"ping"}',
            '/type',
          ).toBody(),
        });
      });
      send({ type: 'ready', userId, workspaceId });
    },
  });
};

export default agentSocket;
