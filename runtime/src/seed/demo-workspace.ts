import type { FastifyBaseLogger } from 'fastify';
import { compileFlow } from '@kefu/nodes/compiler';
import type { FlowDraft } from '@kefu/schemas';
import type { Models } from '../models';
import { seedDemoArticles } from './demo-articles';
import { demoFlowDraft } from './demo-flow';

export const DEMO_WORKSPACE_KEY = 'demo';

/** Creates the demo workspace, its starter articles and its flow once; later starts find them and change nothing. */
export async function seedDemoWorkspace(
  models: Models,
  log: Pick<FastifyBaseLogger, 'info'>,
): Promise<string> {
  const upsert = () =>
    models.Workspace.findOneAndUpdate(
      { publicKey: DEMO_WORKSPACE_KEY },
      {
        $setOnInsert: {
          name: 'Demo Shop',
          publicKey: DEMO_WORKSPACE_KEY,
          mailKey: DEMO_WORKSPACE_KEY.toLowerCase(),
        },
      },
      { upsert: true, returnDocument: 'after' },
    ).orFail();
  // Two processes starting at once both upsert; the one that loses the insert finds the winner's.
  const workspace = await upsert().catch((err: unknown) => {
    if ((err as { code?: number }).code !== 11000) throw err;
    return upsert();
  });
  const workspaceId = String(workspace._id);
  const articles = await seedDemoArticles(models, workspaceId);
  if (articles > 0)
    log.info(`seeded demo workspace "${DEMO_WORKSPACE_KEY}" with ${articles} knowledge-base articles`);
  if (await models.Flow.exists({ workspaceId, name: demoFlowDraft.name })) return workspaceId;
  await publishSeedFlow(models, workspaceId, demoFlowDraft);
  log.info(`seeded demo workspace "${DEMO_WORKSPACE_KEY}" with flow "${demoFlowDraft.name}" v1`);
  return workspaceId;
}

/** Stores a draft as a flow with its first published version, active for new conversations. */
export async function publishSeedFlow(
  models: Models,
  workspaceId: string,
  draft: FlowDraft,
): Promise<string> {
  const compiled = compileFlow(draft);
  if (!compiled.ok)
    throw new Error(`seed flow "${draft.name}" does not compile: ${JSON.stringify(compiled.problems)}`);
  const flow = await models.Flow.create({
    workspaceId,
    name: draft.name,
    kind: draft.kind,
    draft,
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
  return String(flow._id);
}
