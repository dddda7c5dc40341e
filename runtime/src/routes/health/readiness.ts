import type { FastifyInstance } from 'fastify';

/** A worker long-polls for up to about a minute; a poll older than this means none is polling. */
export const WORKER_POLL_STALE_MS = 90_000;
const CHECK_TIMEOUT_MS = 3000;

export type CheckResult = 'ok' | string;
export interface Readiness {
  ready: boolean;
  checks: { store: CheckResult; temporal: CheckResult; worker: CheckResult };
}

/** What a load balancer or an operator needs before sending work here: the store, Temporal, a worker. */
export async function readiness(app: FastifyInstance): Promise<Readiness> {
  const [store, polled] = await Promise.all([
    check(async () => {
      await app.models.Workspace.db.db!.admin().command({ ping: 1 });
      return 'ok';
    }, 'the store does not answer'),
    check(async () => {
      const { pollers } = await app.temporal.workflowService.describeTaskQueue({
        namespace: app.temporal.options.namespace,
        taskQueue: { name: app.taskQueue, kind: 1 },
        taskQueueType: 1,
      });
      const latest = Math.max(
        0,
        ...(pollers ?? []).map((p) => Number(p.lastAccessTime?.seconds ?? 0) * 1000),
      );
      return Date.now() - latest <= WORKER_POLL_STALE_MS
        ? 'ok'
        : `no worker polled the task queue "${app.taskQueue}" in the last ${WORKER_POLL_STALE_MS / 1000} s`;
    }, 'Temporal does not answer'),
  ]);
  const temporal = polled.startsWith('Temporal') ? polled : 'ok';
  const worker = temporal === 'ok' ? polled : 'unknown while Temporal does not answer';
  return {
    ready: store === 'ok' && temporal === 'ok' && worker === 'ok',
    checks: { store, temporal, worker },
  };
}

async function check(probe: () => Promise<string>, failed: string): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`${failed} within ${CHECK_TIMEOUT_MS / 1000} s`), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([probe().catch(() => failed), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
