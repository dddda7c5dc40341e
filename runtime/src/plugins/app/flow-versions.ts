import fp from 'fastify-plugin';
import type { CompiledFlow } from '@kefu/schemas';
import { KefuError } from '../../errors';

export interface ActiveFlow {
  flowId: string;
  version: number;
  flow: CompiledFlow;
}

export interface FlowVersions {
  /** The published version new conversations of a workspace start on, if any. */
  activeFor(workspaceId: string, trigger: string): Promise<ActiveFlow | null>;
  /** A published version; immutable, so it is cached for the life of the process. */
  get(workspaceId: string, flowId: string, version: number): Promise<ActiveFlow>;
}

declare module 'fastify' {
  interface FastifyInstance {
    flowVersions: FlowVersions;
  }
}

export default fp(
  async (app) => {
    const cache = new Map<string, Promise<ActiveFlow>>();
    const flowVersions: FlowVersions = {
      async activeFor(workspaceId, trigger) {
        const flow = await app.models.Flow.findOne(
          { workspaceId, trigger, activeVersion: { $exists: true } },
          { _id: 1, activeVersion: 1 },
        ).lean();
        return flow?.activeVersion ? flowVersions.get(workspaceId, String(flow._id), flow.activeVersion) : null;
      },
      get(workspaceId, flowId, version) {
        const key = `${workspaceId}/${flowId}/${version}`;
        let found = cache.get(key);
        if (!found) {
          found = app.models.FlowVersion.findOne({ workspaceId, flowId, version })
            .lean()
            .then((doc) => {
              if (!doc) throw new KefuError('KEFU_ERR_NOT_FOUND', `Flow ${flowId} has no version ${version}`);
              return { flowId, version, flow: doc.compiled as CompiledFlow };
            });
          found.catch(() => cache.delete(key));
          cache.set(key, found);
        }
        return found;
      },
    };
    app.decorate('flowVersions', flowVersions);
  },
  { name: 'flow-versions', dependencies: ['db'] },
);
