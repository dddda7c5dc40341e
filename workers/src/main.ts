import { loadConfig } from '@kefu/runtime/config';
import { createFlowWorker } from './worker';

// Temporal's Runtime turns SIGINT/SIGTERM into a graceful worker shutdown; run() then resolves.
const config = loadConfig();
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
  outbound: {
    smtpUrl: config.smtpUrl,
    mailDomain: config.mailDomain,
    webhookAllowLoopback: config.webhookAllowLoopback,
  },
});
console.error(`worker polling task queue ${config.taskQueue} on ${config.temporalAddress}`);
await flowWorker.run();
