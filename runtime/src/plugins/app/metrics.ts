import fp from 'fastify-plugin';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

declare module 'fastify' {
  interface FastifyInstance {
    /** This process's Prometheus metrics (GET /metrics); other plugins may add their own. */
    metrics: Registry;
  }
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
    app.decorate('metrics', registry);
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
    });
  },
  { name: 'metrics' },
);
