import './route-docs';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { KefuConfig } from './config';
import { installErrorHandler } from './error-handler';
import websocketPlugin from './plugins/external/websocket';
import staticPlugin from './plugins/external/static';
import dbPlugin from './plugins/app/db';
import temporalPlugin from './plugins/app/temporal';
import liveClientsPlugin from './plugins/app/live-clients';
import flowVersionsPlugin from './plugins/app/flow-versions';
import conversationsPlugin from './plugins/app/conversations';
import healthRoutes from './routes/health';
import internalRoutes from './routes/internal';
import widgetRoutes from './routes/widget';

export type AppConfig = Pick<
  KefuConfig,
  'mongoUri' | 'temporalAddress' | 'temporalNamespace' | 'taskQueue' | 'internalToken' | 'editorDist'
>;

/** Builds the API without listening, so tests can `inject` or listen on a port of their choice. */
export async function buildApp(config: AppConfig, options: FastifyServerOptions = {}) {
  const app = Fastify({
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true } },
    ...options,
  });
  installErrorHandler(app);
  await app.register(websocketPlugin);
  await app.register(dbPlugin, { mongoUri: config.mongoUri });
  await app.register(temporalPlugin, {
    address: config.temporalAddress,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
  });
  await app.register(liveClientsPlugin);
  await app.register(flowVersionsPlugin);
  await app.register(conversationsPlugin);
  await app.register(healthRoutes);
  await app.register(widgetRoutes);
  await app.register(internalRoutes, { internalToken: config.internalToken });
  if (config.editorDist) await app.register(staticPlugin, { root: config.editorDist });
  return app;
}

export { loadConfig } from './config';
export { seedDemoWorkspace } from './seed/demo-workspace';
