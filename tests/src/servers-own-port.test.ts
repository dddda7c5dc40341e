import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startFerret, startPostgres, type RunningServer } from '../../scripts/lib/servers';

// Servers started by tests and `npm start` pick a free port, which another process can take before
// they bind: then the port answers with someone else's server. Each must notice, not share it.
describe('a server on a port another process took', () => {
  const dirs: string[] = [];
  const servers: RunningServer[] = [];
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'kefu-ports-'));
    dirs.push(d);
    return d;
  };
  afterAll(async () => {
    for (const s of servers.reverse()) await s.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('PostgreSQL and FerretDB refuse a port that answers with another server, and start on their own', async () => {
    const first = await startPostgres({ dataDir: join(dir(), 'pg'), durable: false });
    servers.push(first);
    // Told to use the taken port, it says so instead of handing out the other cluster.
    await expect(
      startPostgres({ dataDir: join(dir(), 'pg'), durable: false, port: first.port }),
    ).rejects.toThrow(/taken by another process/);
    const second = await startPostgres({ dataDir: join(dir(), 'pg'), durable: false });
    servers.push(second);
    expect(second.port).not.toBe(first.port);

    const ferret = await startFerret({ postgresUrl: first.address });
    servers.push(ferret);
    await expect(startFerret({ postgresUrl: second.address, port: ferret.port })).rejects.toThrow(
      /taken by another process/,
    );
  }, 120_000);
});
