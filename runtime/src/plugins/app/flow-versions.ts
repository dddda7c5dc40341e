import fp from 'fastify-plugin';
import type { CompiledFlow } from '@kefu/schemas';
import type { EntryFilter } from '@kefu/schemas/api';
import { flowAcceptsEvent, isOpen, type TriggerEvent, type TriggerFacts } from '@kefu/nodes';
import { KefuError } from '../../errors';
import { entryAccepts } from '../../flows/entry-filter';
import { liveInOrder } from '../../flows/lineup';
import { workspaceHours } from '../../models/workspace-hours';

export interface ActiveFlow {
  flowId: string;
  version: number;
  flow: CompiledFlow;
}

export interface FlowVersions {
  /**
   * The flow an event starts: the first live flow of its trigger, in the lineup's order, whose
   * entry filter and trigger-node filters both accept the event (docs/triggers.md). Null: none.
   */
  pick(workspaceId: string, event: TriggerEvent, facts: TriggerFacts): Promise<ActiveFlow | null>;
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
      async pick(workspaceId, event, facts) {
        let open: Promise<boolean> | undefined;
        // Read once per event, and only when a filter asks about the hours.
        const hoursOpen = () =>
          (open ??= app.models.Workspace.findById(workspaceId, { timeZone: 1, businessHours: 1 })
            .lean()
            .then((w) => (w ? isOpen(workspaceHours(w), Date.now()) : false)));
        const entryFacts = { channel: facts.channel, contactTags: facts.contact?.tags, hoursOpen };
        for (const live of await liveInOrder(app.models, workspaceId, event)) {
          if (!(await entryAccepts(live.entry as EntryFilter | undefined, entryFacts))) continue;
          const found = await flowVersions.get(workspaceId, String(live._id), live.activeVersion);
          if (flowAcceptsEvent(found.flow, event, facts)) return found;
        }
        return null;
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
