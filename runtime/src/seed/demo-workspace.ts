import type { FastifyBaseLogger } from 'fastify';
import { compileFlow } from '@kefu/nodes/compiler';
import type { Models } from '../models';
import { demoFlowDraft } from './demo-flow';

export const DEMO_WORKSPACE_KEY = 'demo';

/** Creates the demo workspace and publishes its flow once; later starts find them and change nothing. */
export async function seedDemoWorkspace(models: Models, log: Pick<FastifyBaseLogger, 'info'>): Promise<string> {
  const workspace = await models.Workspace.findOneAndUpdate(
    { publicKey: DEMO_WORKSPACE_KEY },
    { $setOnInsert: { name: 'Demo Shop', publicKey: DEMO_WORKSPACE_KEY } },
    { upsert: true, returnDocument: 'after' },
  ).orFail();
  const workspaceId = workspace._id;
  if (await models.Flow.exists({ workspaceId, name: demoFlowDraft.name })) return String(workspaceId);

  const compiled = compileFlow(demoFlowDraft);
  if (!compiled.ok) throw new Error(`demo flow does not compile: ${JSON.stringify(compiled.problems)}`);
  const flow = await models.Flow.create({
    workspaceId,
    name: demoFlowDraft.name,
    kind: demoFlowDraft.kind,
    draft: demoFlowDraft,
    trigger: 'conversation-started',
  });
  await models.FlowVersion.create({
    workspaceId,
    flowId: flow._id,
    version: 1,
    hash: compiled.flow.hash,
    compiled: compiled.flow,
    publishedBy: 'seed',
  });
  await models.Flow.updateOne({ _id: flow._id, workspaceId }, { $set: { activeVersion: 1 } });
  log.info(`seeded demo workspace "${DEMO_WORKSPACE_KEY}" with flow "${demoFlowDraft.name}" v1`);
  return String(workspaceId);
}
