import type { Types } from 'mongoose';
import type { Models } from '.';

type DefaultModels = Pick<Models, 'SlaPolicy' | 'Workspace'>;

/**
 * Which SLA policy is the workspace's default: one field on the workspace document
 * (`defaultSlaPolicyId`), so naming a default is one write and there is always exactly one answer,
 * however many owners change it at once. (An `isDefault` flag per policy needed "set mine, clear
 * the others", and two owners doing that at once left two defaults or none.)
 *
 * A workspace that has never changed its default since the pointer came has no field at all: its
 * default is still the policy flagged `isDefault`, read as before. `null` means "no default".
 */
export function defaultPolicyOf(
  workspace: { defaultSlaPolicyId?: Types.ObjectId | null } | null,
): Types.ObjectId | null | undefined {
  if (!workspace || !('defaultSlaPolicyId' in workspace)) return undefined;
  return workspace.defaultSlaPolicyId ?? null;
}

/** The default policy's id, or null when the workspace has none. */
export async function defaultSlaPolicyId(models: DefaultModels, workspaceId: string): Promise<string | null> {
  const workspace = await models.Workspace.findOne({ _id: workspaceId }, { defaultSlaPolicyId: 1 }).lean();
  const pointer = defaultPolicyOf(workspace);
  if (pointer !== undefined) return pointer ? String(pointer) : null;
  const flagged = await models.SlaPolicy.findOne({ workspaceId, isDefault: true }, { _id: 1 }).lean();
  return flagged ? String(flagged._id) : null;
}

/** Makes `policyId` the default: the last owner to name one wins, and it is the only one. */
export async function makeDefaultSlaPolicy(
  models: DefaultModels,
  workspaceId: string,
  policyId: string | Types.ObjectId,
): Promise<void> {
  await models.Workspace.updateOne({ _id: workspaceId }, { $set: { defaultSlaPolicyId: policyId } });
}

/**
 * `policyId` is no longer the default (unmarked or deleted); the workspace then has none. Each write
 * is conditional on the policy still being the default, so a default named meanwhile stays.
 */
export async function dropDefaultSlaPolicy(
  models: DefaultModels,
  workspaceId: string,
  policyId: string | Types.ObjectId,
): Promise<void> {
  const { Workspace } = models;
  const dropped = await Workspace.updateOne(
    { _id: workspaceId, defaultSlaPolicyId: policyId },
    { $set: { defaultSlaPolicyId: null } },
  );
  if (dropped.matchedCount > 0) return;
  // A workspace still on the isDefault flag: from now on it names none.
  if ((await defaultSlaPolicyId(models, workspaceId)) === String(policyId))
    await Workspace.updateOne(
      { _id: workspaceId, defaultSlaPolicyId: { $exists: false } },
      { $set: { defaultSlaPolicyId: null } },
    );
}
