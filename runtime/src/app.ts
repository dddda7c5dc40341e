import './route-docs';
import { createHmac, randomUUID } from 'node:crypto';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { KefuConfig } from './config';
import { frameworkErrors, installErrorHandler } from './error-handler';
import websocketPlugin from './plugins/external/websocket';
import staticPlugin from './plugins/external/static';
import cookiePlugin from './plugins/external/cookie';
import helmetPlugin from './plugins/external/helmet';
import corsPlugin from './plugins/external/cors';
import rateLimitPlugin from './plugins/external/rate-limit';
import swaggerPlugin from './plugins/external/swagger';
import swaggerUiPlugin from './plugins/external/swagger-ui';
import { validatorCompiler } from './validator';
import textGuardPlugin from './plugins/app/text-guard';
import sensitiveWordsPlugin from './plugins/app/sensitive-words';
import dbPlugin from './plugins/app/db';
import countRepairPlugin from './plugins/app/count-repair';
import temporalPlugin from './plugins/app/temporal';
import liveClientsPlugin from './plugins/app/live-clients';
import agentHubPlugin from './plugins/app/agent-hub';
import flowVersionsPlugin from './plugins/app/flow-versions';
import conversationsPlugin from './plugins/app/conversations';
import handoffSweeperPlugin, { type HandoffSweeperOptions } from './plugins/app/handoff-sweeper';
import ticketsPlugin from './plugins/app/tickets';
import outboundPlugin from './plugins/app/outbound';
import smtpListenerPlugin from './channels/email/smtp-listener';
import channelRoutes from './routes/channels';
import accountsPlugin from './plugins/app/accounts';
import accessPlugin, { declareContextRoles } from './plugins/app/access';
import visitorTokensPlugin from './plugins/app/visitor-tokens';
import ownOriginPlugin from './plugins/app/own-origin';
import chatPageFramesPlugin from './plugins/app/chat-page-frames';
import healthRoutes from './routes/health';
import metricsPlugin from './plugins/app/metrics';
import internalRoutes from './routes/internal';
import widgetRoutes from './routes/widget';
import accountRoutes from './routes/accounts';
import userRoutes from './routes/users';
import roleRoutes from './routes/roles';
import inviteRoutes from './routes/invites';
import sessionRoutes from './routes/sessions';
import workspaceRoutes from './routes/workspace';
import auditRoutes from './routes/audit';
import contactRoutes from './routes/contacts';
import conversationRoutes from './routes/conversations';
import runRoutes from './routes/runs';
import kbRoutes from './routes/kb';
import teamRoutes from './routes/teams';
import agentRoutes from './routes/agents';
import ticketRoutes from './routes/tickets';
import slaPolicyRoutes from './routes/sla-policies';
import inboxRoutes from './routes/inbox';
import simulationRoutes from './routes/simulations';
import analyticsRoutes from './routes/analytics';
import temporalCodecRoutes from './routes/temporal-codec';
import auditPlugin from './plugins/app/audit';
import invitesPlugin from './plugins/app/invites';
import contactImportsPlugin from './plugins/app/contact-imports';
import reportSchedulesPlugin from './plugins/app/report-schedules';
import alertsPlugin from './plugins/app/alerts';
import operationsRoutes from './routes/operations';
import retentionSchedulePlugin from './plugins/app/retention-schedule';
import type { ImportRunnerOptions } from './contacts/import/import-runner';

export type AppConfig = Pick<
  KefuConfig,
  | 'mongoUri'
  | 'temporalAddress'
  | 'temporalNamespace'
  | 'taskQueue'
  | 'internalToken'
  | 'editorDist'
  | 'temporalCodecKeys'
> &
  Partial<
    Pick<
      KefuConfig,
      | 'cookieSecret'
      | 'widgetOrigins'
      | 'sessionTtlHours'
      | 'visitorTokenDays'
      | 'agentRecheckSeconds'
      | 'apiUrl'
      | 'publicUrl'
      | 'trustProxy'
      | 'smtpPort'
      | 'smtpHost'
      | 'mailDomain'
      | 'webhookAllowLoopback'
      | 'postgresUrl'
      | 'metricsToken'
      | 'reportSchedules'
      | 'smtpUrl'
      | 'alertEvalMs'
      | 'dataKeys'
      | 'retentionSchedule'
      | 'temporalCodecToken'
      | 'temporalUiOrigin'
    >
  > & {
    /** Per client IP and minute, for sign-up, login and password change. */
    authPerMinute?: number;
    /** Per client IP and minute, new widget connections. */
    widgetPerMinute?: number;
    /** Per widget socket and 10 seconds, frames. */
    widgetFramesPer10s?: number;
    /** How contact imports run in this process (concurrency, batch size, pauses, lease). */
    contactImports?: Partial<ImportRunnerOptions>;
    /** How often the sweeper looks for customer messages a dead process left unhanded. */
    handoffSweeper?: HandoffSweeperOptions;
  };

/** Builds the API without listening, so tests can `inject` or listen on a port of their choice. */
export async function buildApp(config: AppConfig, options: FastifyServerOptions = {}) {
  const app = Fastify({
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy ?? false,
    // Every log line of a request carries its id; a caller's x-request-id is kept when it looks sane.
    // requestIdHeader would take the header as-is; genReqId reads it itself so it can refuse junk.
    requestIdHeader: false,
    frameworkErrors,
    // Opening the store (indexes, write guards, migrations) took over Fastify's 10 s default on a
    // loaded machine, and the API refused to start ("Plugin did not start in time: 'db'").
    pluginTimeout: 120_000,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    ...options,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // One secret signs cookies and visitor tokens (each with a key of its own); without a configured
  // one it is derived from the internal token, which every API process already shares.
  const secret =
    config.cookieSecret ?? createHmac('sha256', config.internalToken).update('kefu:app-secret').digest('hex');
  installErrorHandler(app);
  // First, so its timing hook sees every route registered after it.
  await app.register(metricsPlugin);
  // Before any route: its JSON parser and hook apply to every route registered after it.
  await app.register(textGuardPlugin);
  // The access plugin comes before anything that could register a route: its onRoute hook refuses
  // routes that do not declare their roles, and it can only see routes registered after it.
  await app.register(cookiePlugin, { secret });
  await app.register(accessPlugin, { internalToken: config.internalToken });
  await app.register(ownOriginPlugin, { publicUrls: [config.publicUrl, config.apiUrl] });
  await app.register(helmetPlugin);
  await app.register(corsPlugin, {
    origins: config.widgetOrigins ?? [],
    ...(config.temporalUiOrigin ? { temporalUiOrigin: config.temporalUiOrigin } : {}),
  });
  await app.register(rateLimitPlugin);
  await app.register(swaggerPlugin);
  await app.register(websocketPlugin);
  await app.register(dbPlugin, {
    mongoUri: config.mongoUri,
    postgresUrl: config.postgresUrl,
    ...(config.dataKeys ? { dataKeys: config.dataKeys } : {}),
  });
  await app.register(countRepairPlugin);
  await app.register(chatPageFramesPlugin);
  await app.register(temporalPlugin, {
    address: config.temporalAddress,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    codecKeys: config.temporalCodecKeys,
  });
  await app.register(accountsPlugin, { sessionTtlHours: config.sessionTtlHours ?? 12 });
  await app.register(invitesPlugin);
  await app.register(auditPlugin);
  await app.register(contactImportsPlugin, {
    postgresUrl: config.postgresUrl,
    ...(config.contactImports ? { runner: config.contactImports } : {}),
  });
  await app.register(visitorTokensPlugin, { secret, lifetimeDays: config.visitorTokenDays ?? 30 });
  await app.register(swaggerUiPlugin);
  await app.register(liveClientsPlugin);
  await app.register(agentHubPlugin, { recheckEveryMs: (config.agentRecheckSeconds ?? 15) * 1000 });
  await app.register(flowVersionsPlugin);
  await app.register(sensitiveWordsPlugin);
  await app.register(conversationsPlugin);
  await app.register(outboundPlugin);
  await app.register(ticketsPlugin);
  await app.register(handoffSweeperPlugin, config.handoffSweeper ?? {});
  // Off unless asked: test apps on a shared Temporal would each keep schedules nobody runs.
  if (config.reportSchedules) await app.register(reportSchedulesPlugin);
  await app.register(alertsPlugin, {
    everyMs: config.alertEvalMs ?? 60_000,
    ...(config.smtpUrl ? { smtpUrl: config.smtpUrl } : {}),
    mailDomain: config.mailDomain ?? 'kefu.localhost',
    allowLoopback: config.webhookAllowLoopback ?? false,
  });
  if (config.retentionSchedule) await app.register(retentionSchedulePlugin);
  // Email in, when configured: `app.smtpListener.port` says where it listens.
  if (config.smtpPort !== undefined)
    await app.register(smtpListenerPlugin, {
      port: config.smtpPort,
      host: config.smtpHost ?? '127.0.0.1',
      mailDomain: config.mailDomain ?? 'kefu.localhost',
    });
  await app.register(healthRoutes, { metricsToken: config.metricsToken });
  await app.register(widgetRoutes, {
    connectionsPerMinute: config.widgetPerMinute ?? 120,
    framesPer10s: config.widgetFramesPer10s ?? 60,
  });
  await app.register(internalRoutes);
  const authPerMinute = config.authPerMinute ?? 20;
  await app.register(accountRoutes, { authPerMinute });
  await app.register(inviteRoutes, { publicUrl: config.apiUrl, authPerMinute });
  await app.register(userRoutes);
  await app.register(roleRoutes);
  await app.register(sessionRoutes);
  await app.register(workspaceRoutes);
  await app.register(auditRoutes);
  await app.register(contactRoutes);
  await app.register(conversationRoutes);
  await app.register(import('./routes/flows'));
  await app.register(runRoutes);
  await app.register(kbRoutes);
  await app.register(teamRoutes);
  await app.register(agentRoutes);
  await app.register(ticketRoutes);
  await app.register(slaPolicyRoutes);
  await app.register(inboxRoutes);
  await app.register(channelRoutes, {
    webhookAllowLoopback: config.webhookAllowLoopback ?? false,
    mailDomain: config.mailDomain ?? 'kefu.localhost',
  });
  await app.register(simulationRoutes);
  await app.register(analyticsRoutes);
  await app.register(operationsRoutes, { allowLoopback: config.webhookAllowLoopback ?? false });
  await app.register(temporalCodecRoutes, { token: config.temporalCodecToken });
  if (config.editorDist) {
    const root = config.editorDist;
    await app.register(async (site) => {
      declareContextRoles(site, 'public');
      await site.register(staticPlugin, { root });
      // The link in an invite (`/accept-invite?token=…`) opens the console's page, which shows the
      // accept form when it finds itself at this path.
      site.get('/accept-invite', { schema: { hide: true } }, (_request, reply) =>
        reply.sendFile('index.html'),
      );
    });
  }
  return app;
}

export { loadConfig } from './config';
export { seedDemoWorkspace, publishSeedFlow } from './seed/demo-workspace';
export { demoFlowDraft } from './seed/demo-flow';
