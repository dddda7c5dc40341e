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
 * active one: the only active flow for its trigger in the workspace (others on that trigger stop
 * taking new runs; their running conversations stay on the versions they started with).
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
  // $max: of two publishes of this flow racing, the newer version is the active one, whichever
  // write lands last (a rollback is published as a newer version too).
  await Flow.updateOne(
    { _id: flowId, workspaceId },
    { $set: { trigger, activatedAt: new Date() }, $max: { activeVersion: version } },
  );
  await keepOneActive(app, workspaceId, trigger);
  await app.audit.record(actor, {
    action: rolledBackFrom ? 'flow.rollback' : 'flow.publish',
    targetType: 'flow',
    targetId: flowId,
    before: last ? { version: last.version, hash: last.hash } : null,
    after: { version, hash: compiled.flow.hash, ...(rolledBackFrom ? { rolledBackFrom } : {}) },
  });
  return toVersionSummary(stored.toObject(), version);
}

/**
 * Leaves one active flow on a trigger: the one activated last (ties by id). Runs after this
 * publish's own activation, so of two flows published at once each publisher sees at least its own,
 * the later one sees both, and both agree on which stays; clearing first and activating after would
 * let both stay active. A workspace has a handful of flows per trigger: one key lookup.
 */
async function keepOneActive(app: FastifyInstance, workspaceId: string, trigger: string): Promise<void> {
  const { Flow } = app.models;
  const active = await Flow.find(
    { workspaceId, trigger, activeVersion: { $exists: true } },
    { _id: 1, activatedAt: 1 },
  ).lean();
  const at = (f: { activatedAt?: Date | null }) => f.activatedAt?.getTime() ?? 0;
  const [winner, ...losers] = active.sort(
    (a, b) => at(b) - at(a) || String(b._id).localeCompare(String(a._id)),
  );
  if (!winner) return;
  for (const loser of losers)
    await Flow.updateOne(
      // Conditional on what was read: a publish of that flow meanwhile is newer and settles itself.
      { _id: loser._id, workspaceId, activatedAt: loser.activatedAt ?? { $exists: false } },
      { $unset: { activeVersion: 1, activatedAt: 1 } },
    );
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
