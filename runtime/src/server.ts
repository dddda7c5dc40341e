import { buildApp } from './app';
import { loadConfig } from './config';
import { seedDemoWorkspace } from './seed/demo-workspace';

const config = loadConfig();
const app = await buildApp(config, { logger: { level: config.logLevel } });
await seedDemoWorkspace(app.models, app.log);

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
