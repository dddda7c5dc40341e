import type { FastifyPluginAsync } from 'fastify';
import { errorResponses } from '@kefu/schemas/api';
import { KefuError } from '../../errors';
import { safeEqual } from '../../auth/tokens';
import { readiness } from './readiness';

const checkResult = { type: 'string', description: '"ok", or why not' } as const;
const readyBody = {
  type: 'object',
  required: ['status', 'checks'],
  additionalProperties: false,
  properties: {
    status: { enum: ['ready', 'not-ready'] },
    checks: {
      type: 'object',
      required: ['store', 'temporal', 'worker'],
      additionalProperties: false,
      properties: { store: checkResult, temporal: checkResult, worker: checkResult },
    },
  },
} as const;

const healthRoutes: FastifyPluginAsync<{ metricsToken?: string }> = async (app, opts) => {
  app.get(
    '/health',
    {
      config: { roles: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Liveness',
        response: {
          200: {
            type: 'object',
            required: ['status'],
            additionalProperties: false,
            properties: { status: { const: 'ok' } },
          },
          ...errorResponses,
        },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      config: { roles: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Readiness: the store answers, Temporal answers, and a worker polls the task queue',
        description:
          '503 with the failing checks when any is not ok; a worker counts as polling when it asked for work in the last 90 seconds.',
        response: { 200: readyBody, 503: readyBody, ...errorResponses },
      },
    },
    async (_request, reply) => {
      const { ready, checks } = await readiness(app);
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not-ready', checks });
    },
  );

  app.get(
    '/metrics',
    {
      config: { roles: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Prometheus metrics of this API process',
        description:
          'Needs `Authorization: Bearer <KEFU_METRICS_TOKEN>`; answers 404 when no metrics token is configured.',
        headers: {
          type: 'object',
          properties: { authorization: { type: 'string', maxLength: 512 } },
        },
        response: { 200: { type: 'string' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const token = opts.metricsToken;
      if (!token) throw new KefuError('KEFU_ERR_NOT_FOUND', 'Metrics are off: set KEFU_METRICS_TOKEN');
      const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
      if (!safeEqual(given, token))
        throw new KefuError('KEFU_ERR_UNAUTHORIZED', 'A metrics token is needed', 'headers/authorization');
      return reply.type(app.metrics.contentType).send(await app.metrics.metrics());
    },
  );
};

export default healthRoutes;
