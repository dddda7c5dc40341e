import type { FastifyInstance } from 'fastify';
import type { FlowDraft } from '@kefu/schemas';
import type { FlowVersionSummary } from '@kefu/schemas/api';
import { compileFlow, type FlowProblem } from '@kefu/nodes/compiler';
import { KefuError } from '../../errors';
import type { StaffAuth } from '../../plugins/app/accounts';
import { toVersionSummary } from './flow-wire';
import { workspaceDirectory } from './workspace-directory';

/**
 * Compiles a draft and stores it as the flow's next numbered, immutable version, then makes it the
 * flow's live version. Other live flows on the same trigger stay live: the trigger's lineup decides
 * which one an event starts (flows/lineup.ts); a flow going live for the first time goes last.
 */
export async function publishDraft(
  app: FastifyInstance,
  actor: StaffAuth,
  flowId: string,
  draft: FlowDraft,
  rolledBackFrom?: number,
): Promise<FlowVersionSummary> {
  const { Flow, FlowVersion } = app.models;
  const workspaceId = actor.workspaceId;
  const compiled = compileFlow(draft, { workspace: await workspaceDirectory(app, workspaceId, draft) });
  if (!compiled.ok) throw invalidFlow(compiled.problems);
  const last = await FlowVersion.findOne({ workspaceId, flowId }).sort({ version: -1 }).lean();
  const version = (last?.version ?? 0) + 1;
  let stored;
  try {
    stored = await FlowVersion.create({
      workspaceId,
      flowId,
      version,
      hash: compiled.flow.hash,
      compiled: compiled.flow,
      draft,
      trigger: compiled.flow.trigger,
      publishedBy: actor.email,
      publishedById: actor.userId,
      ...(rolledBackFrom ? { rolledBackFrom } : {}),
    });
  } catch (err) {
    // Two publishes raced for the same number; the unique (flowId, version) index let one win.
    if ((err as { code?: number }).code === 11000)
      throw new KefuError(
        'KEFU_ERR_CONFLICT',
        'Another publish of this flow happened at the same time; try again',
      );
    throw err;
  }
  const trigger = compiled.flow.trigger;
  // $max: of two publishes of this flow racing, the newer version is the live one, whichever
  // write lands last (a rollback is published as a newer version too). activatedAt orders live
  // flows not yet placed in their lineup; a republish keeps the flow where it was.
  await Flow.updateOne(
    { _id: flowId, workspaceId },
    { $set: { trigger }, $min: { activatedAt: new Date() }, $max: { activeVersion: version } },
  );
  await app.audit.record(actor, {
    action: rolledBackFrom ? 'flow.rollback' : 'flow.publish',
    targetType: 'flow',
    targetId: flowId,
    before: last ? { version: last.version, hash: last.hash } : null,
    after: { version, hash: compiled.flow.hash, ...(rolledBackFrom ? { rolledBackFrom } : {}) },
  });
  return toVersionSummary(stored.toObject(), version);
}

/** A draft that cannot be published, named by its first problem; /validate lists them all. */
export function invalidFlow(problems: FlowProblem[]): KefuError {
  const [first] = problems;
  const where = first?.nodeId ? `draft/nodes/${first.nodeId}${first.field}` : `draft${first?.field ?? ''}`;
  return new KefuError(
    'KEFU_ERR_FLOW_INVALID',
    `The flow has ${problems.length} problem${problems.length === 1 ? '' : 's'}; first: ${first?.message.en ?? 'unknown'}`,
    where,
  );
}
