import fp from 'fastify-plugin';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { requestWindow } from '../../operations/request-window';

declare module 'fastify' {
  interface FastifyInstance {
    /** This process's Prometheus metrics (GET /metrics); other plugins may add their own. */
    metrics: Registry;
    /** Product figures other plugins and routes observe (docs/operations.md names each). */
    productMetrics: ProductMetrics;
  }
}

export interface ProductMetrics {
  /** One WebSocket frame from a client handled, by socket kind and frame type, with its duration. */
  socketFrame(kind: 'widget' | 'agent', type: string, seconds: number): void;
  /** A customer waited this long in a team's queue before an agent accepted the conversation. */
  queueWait(seconds: number): void;
  /** This process's requests and 5xx answers of the last 15 minutes. */
  recentRequests(): { requests: number; errors: number };
  /** The figures the alert evaluator last read (it holds the workspace's lease): totals over its workspaces. */
  setWorkload(figures: { openConversations: number; waiting: number; longestWaitSeconds: number }): void;
}

/**
 * Prometheus metrics of one API process (prom-client: the exposition format, histograms and the
 * Node process metrics, which we would otherwise write by hand). Requests are labelled by their
 * route pattern, never by the raw URL, so ids in paths do not grow the label set.
 */
export default fp(
  async (app) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'kefu_api_' });
    const duration = new Histogram({
      name: 'kefu_http_request_duration_seconds',
      help: 'HTTP requests by route pattern, method and status, with their duration',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    new Gauge({
      name: 'kefu_websocket_connections',
      help: 'Open WebSocket connections on this API process, by kind (widget: customers, agent: inbox)',
      labelNames: ['kind'],
      registers: [registry],
      collect() {
        this.set({ kind: 'widget' }, app.hasDecorator('liveClients') ? app.liveClients.connected() : 0);
        this.set({ kind: 'agent' }, app.hasDecorator('agentHub') ? app.agentHub.connected() : 0);
      },
    });
    const errors = new Counter({
      name: 'kefu_http_server_errors_total',
      help: 'Requests answered with a 5xx status, by route pattern',
      labelNames: ['route'],
      registers: [registry],
    });
    const frames = new Histogram({
      name: 'kefu_websocket_message_duration_seconds',
      help: 'WebSocket frames received and handled, by socket kind and frame type, with the time to handle each',
      labelNames: ['kind', 'type'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
    const queueWait = new Histogram({
      name: 'kefu_queue_wait_seconds',
      help: 'How long customers waited in a team queue before an agent accepted (observed at acceptance)',
      buckets: [5, 15, 30, 60, 120, 300, 600, 1800, 3600],
      registers: [registry],
    });
    const workload = new Gauge({
      name: 'kefu_conversations',
      help: 'Open conversations and those waiting for an agent, as the alert evaluator last read them',
      labelNames: ['state'],
      registers: [registry],
    });
    const longestWait = new Gauge({
      name: 'kefu_queue_longest_wait_seconds',
      help: 'The longest a waiting customer has waited, as the alert evaluator last read it',
      registers: [registry],
    });
    const window = requestWindow();
    app.decorate('metrics', registry);
    app.decorate('productMetrics', {
      socketFrame: (kind, type, seconds) => frames.observe({ kind, type }, seconds),
      queueWait: (seconds) => queueWait.observe(Math.max(0, seconds)),
      recentRequests: () => window.read(),
      setWorkload(figures) {
        workload.set({ state: 'open' }, figures.openConversations);
        workload.set({ state: 'waiting' }, figures.waiting);
        longestWait.set(figures.longestWaitSeconds);
      },
    } satisfies ProductMetrics);
    app.addHook('onResponse', async (request, reply) => {
      // A WebSocket upgrade "responds" when the socket closes: its duration is the session's, not a request's.
      if (request.headers.upgrade === 'websocket') return;
      const route = request.routeOptions.url ?? 'unmatched';
      const status = reply.statusCode;
      duration.observe(
        { method: request.method, route, status_code: String(status) },
        reply.elapsedTime / 1000,
      );
      if (status >= 500) errors.inc({ route });
      window.record(status >= 500);
    });
  },
  { name: 'metrics' },
);
