import { buildApp } from './app';
import { loadConfig } from './config';
import { piiSafeLogger } from './privacy/log-redaction';
import { seedDemoOwner } from './seed/demo-owner';
import { seedDemoWorkspace } from './seed/demo-workspace';

const config = loadConfig();
// Personal data never reaches the logs in clear (docs/privacy.md).
const app = await buildApp(config, { logger: piiSafeLogger(config.logLevel) });
const demoWorkspaceId = await seedDemoWorkspace(app.models, app.log);
if (process.env.KEFU_DEMO_PASSWORD) await seedDemoOwner(app.models, demoWorkspaceId, process.env.KEFU_DEMO_PASSWORD);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.log.info(`${signal}: closing`);
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
await app.listen({ host: config.host, port: config.port });
