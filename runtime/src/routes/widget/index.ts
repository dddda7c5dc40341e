import type { FastifyPluginAsync } from 'fastify';
import type { WebSocket } from 'ws';
import { errorBodySchema, type WidgetServerFrame } from '@kefu/schemas';
import { KefuError } from '../../errors';
import type { VisitorProof, WidgetSession } from '../../plugins/app/conversations';
import { parseWidgetFrame } from './parse-frame';
import { frameBudget } from './frame-budget';
import { receiveOfflineForm } from './offline-form';
import agentTypingRoutes from './agent-typing';
import { assertWidgetOrigin } from './widget-origin';

/**
 * The customer's chat connection. Frames from one socket are handled one after another, so the
 * customer's messages are stored and handed to the flow in the order they were typed.
 */
const widgetRoutes: FastifyPluginAsync<{ connectionsPerMinute: number; framesPer10s: number }> = async (
  app,
  opts,
) => {
  await app.register(agentTypingRoutes);
  app.route({
    method: 'GET',
    url: '/ws/widget',
    // Visitors prove who they are inside the socket: the session frame issues a visitor token and a
    // later hello presents it to resume. Staff sessions grant nothing here and visitor tokens nothing elsewhere.
    config: { roles: 'visitor', rateLimit: { max: opts.connectionsPerMinute, timeWindow: '1 minute' } },
    schema: {
      summary: 'Widget chat socket (WebSocket upgrade)',
      tags: ['widget'],
      description:
        'Client frames: hello {workspace, visitorId, visitorToken?}, message, feedback {messageId, helpful}, ' +
        'typing {typing}, offline-form {requestId, email, message, name?}. Server frames: session (carries the ' +
        'visitorId and a renewed visitorToken to present in the next hello; only a valid, unexpired token of ' +
        'that visitor resumes a conversation, else the visitor starts afresh, possibly under a new visitorId), ' +
        'ack, message, typing (an agent types), offline-form-received ' +
        '{requestId, ticketId}, error. A bot message with offlineForm: true asks the widget to offer the ' +
        'offline form. A plain GET gets 426.',
      querystring: { type: 'object', additionalProperties: false, properties: {} },
      response: { '4xx': errorBodySchema },
    },
    // A plain HTTP request (no upgrade) is answered in the one error shape. Declaring both handlers
    // instead of `websocket: true` also keeps the route in the OpenAPI document.
    handler: async () => {
      throw new KefuError('KEFU_ERR_UPGRADE_REQUIRED', 'Open this URL as a WebSocket');
    },
    wsHandler: (socket: WebSocket, request) => {
      let session: WidgetSession | null = null;
      let leave: (() => void) | null = null;
      let queue = Promise.resolve();
      const send = (frame: WidgetServerFrame) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
      };

      const budget = frameBudget(opts.framesPer10s, 10_000);
      socket.on('message', (raw, isBinary) => {
        if (!budget.take()) {
          const slowDown = new KefuError('KEFU_ERR_RATE_LIMITED', 'Too many frames; slow down').toBody();
          send({ type: 'error', ...slowDown });
          return;
        }
        queue = queue.then(async () => {
          let clientMessageId: string | undefined;
          let requestId: string | undefined;
          let frameType = 'invalid';
          const started = performance.now();
          try {
            const frame = parseWidgetFrame(raw, isBinary);
            frameType = frame.type;
            if (frame.type === 'hello') {
              await assertWidgetOrigin(app, request, frame.workspace);
              let proof: VisitorProof | undefined;
              if (frame.visitorToken !== undefined) {
                const checked = app.visitorTokens.check(frame.visitorToken, frame.visitorId);
                // Not an error for the widget: it is answered as any visitor with nothing to resume.
                if (checked.ok) proof = checked;
                else
                  request.log.info({ reason: checked.reason }, 'visitor token not accepted; a new visitor');
              }
              const opened = await app.conversations.openForVisitor(frame.workspace, frame.visitorId, proof);
              leave?.();
              session = opened.session;
              leave = app.liveClients.join(session.conversationId, { send });
              // Renewed on every hello, so a visitor who keeps coming back never lapses.
              const visitorToken = app.visitorTokens.issue(
                { workspaceId: session.workspaceId, contactId: session.contactId },
                opened.visitorId,
              );
              send({
                type: 'session',
                conversationId: session.conversationId,
                messages: opened.history,
                visitorId: opened.visitorId,
                visitorToken,
              });
            } else if (frame.type === 'feedback') {
              if (!session) throw new KefuError('KEFU_ERR_NO_SESSION', 'Send a hello frame first', '/type');
              await app.conversations.feedbackFromCustomer(session, frame.messageId, frame.helpful);
            } else if (frame.type === 'typing') {
              if (!session) throw new KefuError('KEFU_ERR_NO_SESSION', 'Send a hello frame first', '/type');
              // Best effort: publish never throws, and a lost "typing" costs nothing.
              await app.agentHub.publish(session.workspaceId, {
                type: 'contact.typing',
                conversationId: session.conversationId,
                typing: frame.typing,
              });
            } else if (frame.type === 'offline-form') {
              requestId = frame.requestId;
              if (!session) throw new KefuError('KEFU_ERR_NO_SESSION', 'Send a hello frame first', '/type');
              const { ticketId } = await receiveOfflineForm(app, session, frame);
              send({ type: 'offline-form-received', requestId: frame.requestId, ticketId });
            } else {
              clientMessageId = frame.clientMessageId;
              if (!session) throw new KefuError('KEFU_ERR_NO_SESSION', 'Send a hello frame first', '/type');
              const message = await app.conversations.receiveFromCustomer(
                session,
                frame.clientMessageId,
                frame.text,
              );
              send({ type: 'ack', clientMessageId: frame.clientMessageId, message });
            }
          } catch (err) {
            const known = err instanceof KefuError ? err : null;
            if (!known) request.log.error({ err }, 'widget frame failed');
            const body = known?.toBody() ?? {
              statusCode: 500,
              code: 'KEFU_ERR_INTERNAL',
              message: 'Something went wrong on our side',
            };
            send({
              type: 'error',
              ...body,
              ...(clientMessageId ? { clientMessageId } : {}),
              ...(requestId ? { requestId } : {}),
            });
            // 1008: policy violation. A page the shop did not allow gets no chat on this socket.
            if (known?.code === 'KEFU_ERR_ORIGIN_REFUSED') socket.close(1008, 'origin not allowed');
          } finally {
            app.productMetrics.socketFrame('widget', frameType, (performance.now() - started) / 1000);
          }
        });
      });
      socket.on('close', () => leave?.());
    },
  });
};

export default widgetRoutes;
