import { Runtime } from '@temporalio/worker';
import { loadConfig } from '@kefu/runtime/config';
import { createFlowWorker } from './worker';

// Temporal's Runtime turns SIGINT/SIGTERM into a graceful worker shutdown; run() then resolves.
const config = loadConfig();
// Temporal's SDK metrics (workflow and activity failures, polls, task latencies) and our own
// kefu_activity_failures, on a Prometheus endpoint of the worker's own (docs/operations.md).
// Installed before any connection: the runtime is made once per process.
if (config.workerMetricsPort !== undefined)
  Runtime.install({
    telemetryOptions: {
      metrics: {
        prometheus: {
          bindAddress: `${config.host}:${config.workerMetricsPort}`,
          countersTotalSuffix: true,
          useSecondsForDurations: true,
        },
      },
    },
  });
const flowWorker = await createFlowWorker({
  temporalAddress: config.temporalAddress,
  namespace: config.temporalNamespace,
  taskQueue: config.taskQueue,
  mongoUri: config.mongoUri,
  postgresUrl: config.postgresUrl,
  apiUrl: config.apiUrl,
  internalToken: config.internalToken,
  codecKeys: config.temporalCodecKeys,
  workflowBundlePath: config.workflowBundlePath,
  ...(process.env.KEFU_KPI_APPLY_MS ? { kpiApplyEveryMs: Number(process.env.KEFU_KPI_APPLY_MS) } : {}),
  chromiumPath: config.chromiumPath,
  dataKeys: config.dataKeys,
  outbound: {
    smtpUrl: config.smtpUrl,
    mailDomain: config.mailDomain,
    webhookAllowLoopback: config.webhookAllowLoopback,
  },
});
console.error(`worker polling task queue ${config.taskQueue} on ${config.temporalAddress}`);
if (config.workerMetricsPort !== undefined)
  console.error(`worker metrics on http://${config.host}:${config.workerMetricsPort}/metrics`);
await flowWorker.run();
