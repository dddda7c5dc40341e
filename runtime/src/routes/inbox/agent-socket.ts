import type { FastifyPluginAsync } from 'fastify';
import type { WebSocket } from 'ws';
import { errorBodySchema } from '@kefu/schemas';
import {
  AGENT_SOCKET_CLOSE,
  agentClientFrameSchema,
  type AgentClientFrame,
  type AgentServerFrame,
  type Role,
} from '@kefu/schemas/api';
import { checker } from '@kefu/schemas/validate';
import { KefuError } from '../../errors';
import { staff } from '../../plugins/app/access';
import type { AgentClient } from '../../plugins/app/agent-hub';

const isClientFrame = checker<AgentClientFrame>(agentClientFrameSchema);
/** Agents send only pings; anything larger is not one. */
const CLIENT_FRAME_MAX_BYTES = 1024;

/** Who may hold the socket; the route's roles, checked again whenever the session is. */
const INBOX_ROLES: readonly Role[] = ['owner', 'agent'];
/** setTimeout's longest delay; a later expiry is left to the hub's periodic re-check. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The console's real-time channel: the upgrade request carries the session cookie, so the access
 * hook signs the agent in as for any console route. Frames: see @kefu/schemas/api agent-events.ts.
 * The session is checked again when it expires, at once after a sign-out, removal or role change
 * made in this process, and every few seconds by the agent hub (changes made by other processes):
 * an ended session or a lost role closes the socket (an error frame, then close code 4401 or 4403),
 * a changed role is applied to the events the socket gets.
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
    config: { roles: INBOX_ROLES },
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
      const { workspaceId, userId, roles, seesPersonalData, sessionId, sessionExpiresAt } = staff(request);
      const send = (frame: AgentServerFrame) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
      };
      const end = (code: number, error: KefuError) => {
        send({ type: 'error', ...error.toBody() });
        socket.close(code, error.message);
      };
      const client: AgentClient = {
        workspaceId,
        userId,
        sessionId,
        roles,
        seesPersonalData,
        send,
        async recheck() {
          if (socket.readyState !== socket.OPEN) return;
          let auth;
          try {
            auth = await app.accounts.sessionAuth(workspaceId, sessionId);
          } catch (err) {
            // The store is away: keep the socket; the next check decides.
            request.log.warn({ err }, 'agent session not re-checked');
            return;
          }
          if (!auth) end(AGENT_SOCKET_CLOSE.sessionEnded, sessionEnded());
          else if (!auth.roles.some((role) => INBOX_ROLES.includes(role)))
            end(AGENT_SOCKET_CLOSE.roleRemoved, roleRemoved());
          else {
            client.roles = auth.roles;
            client.seesPersonalData = auth.seesPersonalData;
          }
        },
      };
      const leave = app.agentHub.join(client);
      const expiry = sessionExpiresAt
        ? setTimeout(
            () => void client.recheck?.(),
            Math.min(MAX_TIMER_MS, sessionExpiresAt.getTime() - Date.now() + 50),
          )
        : undefined;
      socket.on('close', () => {
        clearTimeout(expiry);
        leave();
      });
      socket.on('message', (raw, isBinary) => {
        const started = performance.now();
        const text = !isBinary && (raw as Buffer).length <= CLIENT_FRAME_MAX_BYTES ? raw.toString() : null;
        let frame: unknown = null;
        try {
          frame = text === null ? null : JSON.parse(text);
        } catch {
          // answered below as an unknown frame
        }
        const known = isClientFrame(frame).ok;
        if (known) send({ type: 'pong' });
        app.productMetrics.socketFrame(
          'agent',
          known ? 'ping' : 'invalid',
          (performance.now() - started) / 1000,
        );
        if (known) return;
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

const sessionEnded = () => new KefuError('KEFU_ERR_UNAUTHORIZED', 'Your session ended; sign in again');
const roleRemoved = () => new KefuError('KEFU_ERR_FORBIDDEN', 'Your roles no longer include the inbox');
