import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { FLOW_TASK_QUEUE } from '@kefu/schemas';
import { openStore, type DataKeyring } from '@kefu/runtime/store';
import { kefuDataConverter, type CodecKey } from '@kefu/runtime/temporal-codec';
import { createActivities } from './activities';
import { httpDeliver, type Deliver } from './deliver';
import { countActivityFailures } from './activity-failures';
import { startKpiApplier } from './kpi-applier';
import { httpNotifyAgents } from './notify-agents';
import { httpTicketCreated } from './ticket-created-hook';
import { outboundActivities, type OutboundConfig } from './outbound/outbound-activities';
import { reportActivities } from './reports/report-activities';
import { retentionActivities } from './retention/retention-activities';

export interface FlowWorkerConfig {
  temporalAddress: string;
  namespace: string;
  taskQueue?: string;
  mongoUri: string;
  /** The PostgreSQL under the embedded FerretDB (see openStore). */
  postgresUrl?: string;
  /** Where the API takes pushes for live clients. */
  apiUrl: string;
  internalToken: string;
  /** The payload codec's keys (KEFU_TEMPORAL_CODEC_KEYS): the same as the API's, or neither reads the other's payloads. */
  codecKeys: readonly CodecKey[];
  /** A prebuilt workflow bundle; without it the worker bundles workflows.ts at start (seconds). */
  workflowBundlePath?: string;
  log?: (msg: string) => void;
  deliver?: Deliver;
  /** Email and webhook delivery; without it mail is not sent and webhooks keep the default guard. */
  outbound?: OutboundConfig;
  /** How often the KPI applier looks for due rollups (kpi-applier.ts); 0 turns it off. Default 2 s. */
  kpiApplyEveryMs?: number;
  /** The headless Chromium the weekly PDF report is printed with; default /usr/bin/chromium. */
  chromiumPath?: string;
  /** The keys personal fields are sealed with (KEFU_DATA_KEYS…); a test process has its own. */
  dataKeys?: DataKeyring;
}

export const workflowsPath = fileURLToPath(new URL('./workflows.ts', import.meta.url));

/** Wires connections, activities and workflows into a worker; `run()` resolves after shutdown. */
export async function createFlowWorker(config: FlowWorkerConfig) {
  const log = config.log ?? ((msg: string) => console.error(msg));
  const db = await openStore({
    mongoUri: config.mongoUri,
    postgresUrl: config.postgresUrl,
    ...(config.dataKeys ? { dataKeys: config.dataKeys } : {}),
  });
  const models = db.models;
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const options: WorkerOptions = {
    connection,
    namespace: config.namespace,
    // Run inputs, signals, activity results: encrypted in Temporal's history (docs/privacy.md).
    dataConverter: kefuDataConverter(config.codecKeys),
    taskQueue: config.taskQueue ?? FLOW_TASK_QUEUE,
    activities: {
      ...createActivities({
        models,
        deliver: config.deliver ?? httpDeliver(config.apiUrl, config.internalToken, log),
        notifyAgents: httpNotifyAgents(config.apiUrl, config.internalToken, log),
        ticketCreated: httpTicketCreated(config.apiUrl, config.internalToken, log),
        // The tests' loopback allowance covers the http-request node as it covers webhooks.
        httpGuard: { allowLoopback: config.outbound?.webhookAllowLoopback === true },
      }),
      ...outboundActivities(models, config.outbound ?? { mailDomain: 'kefu.localhost' }),
      ...reportActivities(models, {
        chromiumPath: config.chromiumPath ?? '/usr/bin/chromium',
        mailDomain: config.outbound?.mailDomain ?? 'kefu.localhost',
        ...(config.outbound?.smtpUrl ? { smtpUrl: config.outbound.smtpUrl } : {}),
        ...(config.outbound?.transport ? { transport: config.outbound.transport } : {}),
      }),
      ...retentionActivities(models),
    },
    interceptors: { activity: [countActivityFailures] },
    ...(config.workflowBundlePath
      ? { workflowBundle: { codePath: config.workflowBundlePath } }
      : { workflowsPath, bundlerOptions: { ignoreModules: [] } }),
  };
  const worker = await Worker.create(options);
  return {
    worker,
    async run() {
      const kpis = startKpiApplier(models, { everyMs: config.kpiApplyEveryMs ?? 2000, log });
      try {
        await worker.run();
      } finally {
        await kpis.stop();
        await connection.close();
        await db.close();
      }
    },
    shutdown: () => worker.shutdown(),
  };
}
