import { FLOW_TASK_QUEUE } from '@kefu/schemas';
import { dataKeysFromEnv } from './privacy/data-keys';
import type { DataKeyring } from './privacy/field-crypto';
import { parseCodecKeys, type CodecKey } from './privacy/temporal-codec';

/** Everything the API and the worker read from the environment, checked once at start. */
export interface KefuConfig {
  host: string;
  port: number;
  /** How the worker reaches this API for pushes to live clients. */
  apiUrl: string;
  /**
   * Where browsers reach Kefu (scheme://host[:port]) when a proxy in front passes another Host:
   * pages from it may open the inbox socket. The request's own host always may.
   */
  publicUrl?: string;
  mongoUri: string;
  /** The PostgreSQL under the embedded FerretDB; absent with a real MongoDB (see openStore). */
  postgresUrl?: string;
  temporalAddress: string;
  temporalNamespace: string;
  taskQueue: string;
  internalToken: string;
  /** Built web app to serve; absent when it is served elsewhere (e.g. Vite's dev server). */
  editorDist?: string;
  workflowBundlePath?: string;
  logLevel: string;
  /** Signs session cookies and visitor tokens; derived from internalToken when not set. */
  cookieSecret?: string;
  /** Origins (scheme://host:port) allowed to call the API from a browser besides the API's own. */
  widgetOrigins: string[];
  /** How long a console session lasts after sign-in. */
  sessionTtlHours: number;
  /** How long a widget visitor's token lasts; each hello renews it, so this is the idle time after which a visitor starts afresh. */
  visitorTokenDays: number;
  /** How often each API process re-checks the sessions behind its open agent sockets (catches what other processes changed). */
  agentRecheckSeconds: number;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (rate limits count per client). */
  trustProxy: boolean;
  /** Email in: the SMTP listener's port (0 picks a free one); no listener when absent. */
  smtpPort?: number;
  /** Where the SMTP listener binds (KEFU_SMTP_HOST, else KEFU_HOST). */
  smtpHost: string;
  /** Email out: a nodemailer transport URL (smtp://user:pass@host:587); no mail goes out when absent. */
  smtpUrl?: string;
  /** Workspaces receive mail at <publicKey>@<mailDomain>; our Message-IDs end in it. */
  mailDomain: string;
  /** Tests only: webhooks may reach loopback addresses (private networks stay blocked). */
  webhookAllowLoopback: boolean;
  /** Bearer token for GET /metrics (Prometheus' `authorization` setting); /metrics is off without it. */
  metricsToken?: string;
  /** The worker's Prometheus endpoint for Temporal SDK metrics (KEFU_WORKER_METRICS_PORT); off when absent. */
  workerMetricsPort?: number;
  /** How often the API evaluates alert rules (KEFU_ALERT_EVAL_MS, default 60 s). */
  alertEvalMs: number;
  /** The headless Chromium the worker prints the weekly PDF report with (KEFU_CHROMIUM_PATH). */
  chromiumPath: string;
  /** Keep a Temporal Schedule per workspace for the weekly report (KEFU_REPORT_SCHEDULES=false: off). */
  reportSchedules: boolean;
  /**
   * The keys contacts' personal fields are sealed with at rest (KEFU_DATA_KEYS, KEFU_DATA_KEY_ID)
   * and their blind indexes' key (KEFU_DATA_INDEX_KEY); docs/privacy.md.
   */
  dataKeys: DataKeyring;
  /** Keep the daily retention-sweep Temporal Schedule (KEFU_RETENTION_SCHEDULE=false: off). */
  retentionSchedule: boolean;
  /** Keys of the Temporal payload codec (KEFU_TEMPORAL_CODEC_KEYS): the first encrypts, all decrypt. */
  temporalCodecKeys: CodecKey[];
  /** Bearer token for the codec endpoint (/temporal-codec/decode) besides an owner's session. */
  temporalCodecToken?: string;
  /** The Temporal UI's origin, allowed to call the codec endpoint from the browser (CORS). */
  temporalUiOrigin?: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): KefuConfig {
  const port = Number(env.KEFU_PORT ?? 4000);
  if (!Number.isInteger(port) || port <= 0 || port > 65535)
    throw new Error(`KEFU_PORT is not a port: ${env.KEFU_PORT}`);
  return {
    host: env.KEFU_HOST ?? '127.0.0.1',
    port,
    apiUrl: env.KEFU_API_URL ?? `http://127.0.0.1:${port}`,
    publicUrl: env.KEFU_PUBLIC_URL || undefined,
    mongoUri: required(env, 'MONGODB_URI'),
    postgresUrl: env.KEFU_POSTGRES_URL || undefined,
    temporalAddress: required(env, 'TEMPORAL_ADDRESS'),
    temporalNamespace: env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: env.KEFU_TASK_QUEUE ?? FLOW_TASK_QUEUE,
    internalToken: required(env, 'KEFU_INTERNAL_TOKEN'),
    editorDist: env.KEFU_EDITOR_DIST || undefined,
    workflowBundlePath: env.KEFU_WORKFLOW_BUNDLE || undefined,
    logLevel: env.KEFU_LOG_LEVEL ?? 'info',
    cookieSecret: env.KEFU_COOKIE_SECRET || undefined,
    widgetOrigins: (env.KEFU_WIDGET_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    sessionTtlHours: Number(env.KEFU_SESSION_HOURS ?? 12),
    visitorTokenDays: positive('KEFU_VISITOR_TOKEN_DAYS', env.KEFU_VISITOR_TOKEN_DAYS ?? '30'),
    agentRecheckSeconds: positive('KEFU_AGENT_RECHECK_SECONDS', env.KEFU_AGENT_RECHECK_SECONDS ?? '15'),
    trustProxy: env.KEFU_TRUST_PROXY === 'true',
    smtpPort: env.KEFU_SMTP_PORT ? portOf('KEFU_SMTP_PORT', env.KEFU_SMTP_PORT, true) : undefined,
    smtpHost: env.KEFU_SMTP_HOST ?? env.KEFU_HOST ?? '127.0.0.1',
    smtpUrl: env.KEFU_SMTP_URL || undefined,
    mailDomain: env.KEFU_MAIL_DOMAIN || 'kefu.localhost',
    webhookAllowLoopback: env.KEFU_WEBHOOK_ALLOW_LOOPBACK === 'true',
    metricsToken: env.KEFU_METRICS_TOKEN || undefined,
    workerMetricsPort: env.KEFU_WORKER_METRICS_PORT
      ? portOf('KEFU_WORKER_METRICS_PORT', env.KEFU_WORKER_METRICS_PORT)
      : undefined,
    alertEvalMs: positive('KEFU_ALERT_EVAL_MS', env.KEFU_ALERT_EVAL_MS ?? '60000'),
    chromiumPath: env.KEFU_CHROMIUM_PATH || '/usr/bin/chromium',
    reportSchedules: env.KEFU_REPORT_SCHEDULES !== 'false',
    dataKeys: dataKeysFromEnv(env),
    retentionSchedule: env.KEFU_RETENTION_SCHEDULE !== 'false',
    temporalCodecKeys: parseCodecKeys(required(env, 'KEFU_TEMPORAL_CODEC_KEYS')),
    temporalCodecToken: env.KEFU_TEMPORAL_CODEC_TOKEN || undefined,
    temporalUiOrigin: env.KEFU_TEMPORAL_UI_ORIGIN || undefined,
  };
}

function portOf(name: string, value: string, zeroAllowed = false): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < (zeroAllowed ? 0 : 1) || port > 65535)
    throw new Error(`${name} is not a port: ${value}`);
  return port;
}

function positive(name: string, value: string): number {
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n)) throw new Error(`${name} must be a positive number: ${value}`);
  return n;
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} must be set (npm start sets it for the embedded servers)`);
  return value;
}
