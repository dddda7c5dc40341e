import type { FastifyInstance } from 'fastify';
import { Types } from 'mongoose';
import { referencesOf, type WorkspaceDirectory } from '@kefu/nodes/compiler';

/**
 * The teams and agents a draft names that exist in the workspace, for the compiler's reference
 * check (publish and validate). One equality lookup per reference (a flow names a handful): a
 * team by its key, an agent by id, who must be enabled and able to take work (agent or owner),
 * the same rule the ticket routes apply to an assignee.
 */
export async function workspaceDirectory(
  app: FastifyInstance,
  workspaceId: string,
  draft: unknown,
): Promise<WorkspaceDirectory> {
  const { Team, User } = app.models;
  const refs = referencesOf(draft);
  const teamKeys = [...new Set(refs.filter((r) => r.kind === 'team').map((r) => r.id))];
  const agentIds = [...new Set(refs.filter((r) => r.kind === 'agent').map((r) => r.id))];
  const [teams, agents] = await Promise.all([
    Promise.all(teamKeys.map(async (key) => ((await Team.exists({ workspaceId, key })) ? key : null))),
    Promise.all(
      agentIds.map(async (id) =>
        Types.ObjectId.isValid(id) &&
        (await User.exists({ _id: id, workspaceId, disabled: false, roles: { $in: ['agent', 'owner'] } }))
          ? id
          : null,
      ),
    ),
  ]);
  return {
    teams: new Set(teams.filter((k): k is string => k !== null)),
    agents: new Set(agents.filter((k): k is string => k !== null)),
  };
}
