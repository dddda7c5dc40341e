import type { FastifyPluginAsync } from 'fastify';
import {
  errorResponses,
  idParamsSchema,
  pageQuerySchema,
  pageSchema,
  teamCreateSchema,
  teamMemberBodySchema,
  teamMemberParamsSchema,
  teamSchema,
  teamUpdateSchema,
  type IdParams,
  type PageQuery,
  type TeamCreate,
  type TeamMemberBody,
  type TeamMemberParams,
  type TeamUpdate,
  type TeamWire,
} from '@kefu/schemas/api';
import { KefuError } from '../../errors';
import { ANY_STAFF, staff } from '../../plugins/app/access';
import { paginate } from '../../paginate';

/** Teams routing hands conversations through: owners manage them, agents see them. */
const teamRoutes: FastifyPluginAsync = async (app) => {
  const { Team, User } = app.models;
  const tags = ['teams'];
  const readers = { roles: ['owner', 'agent'] as const };
  const owners = { roles: ['owner'] as const };

  /** Members must be people of this workspace: an id from elsewhere is refused with its field. */
  async function checkMembers(workspaceId: string, members: readonly string[] | undefined): Promise<void> {
    if (!members?.length) return;
    const found = await User.countDocuments({ workspaceId, _id: { $in: members } });
    if (found !== members.length)
      throw new KefuError(
        'KEFU_ERR_VALIDATION',
        'Every member must be a user of this workspace',
        'body/members',
      );
  }

  async function findTeam(workspaceId: string, id: string) {
    const team = await Team.findOne({ _id: id, workspaceId });
    if (!team) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such team', 'params/id');
    return team;
  }

  app.get<{ Querystring: PageQuery }>(
    '/teams',
    {
      // Analysts too: the run explorer and KPIs are filtered by team.
      config: { roles: ANY_STAFF },
      schema: {
        tags,
        summary: 'List teams',
        querystring: pageQuerySchema(['name', 'createdAt'], 'name'),
        response: { 200: pageSchema(teamSchema), ...errorResponses },
      },
    },
    async (request) =>
      await paginate(Team, { workspaceId: staff(request).workspaceId }, request.query, toWireTeam),
  );

  app.post<{ Body: TeamCreate }>(
    '/teams',
    {
      config: owners,
      schema: {
        tags,
        summary: 'Create a team',
        description: "Flows name the team by its key (the route-to-team step's team).",
        body: teamCreateSchema,
        response: { 201: teamSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { workspaceId } = staff(request);
      await checkMembers(workspaceId, request.body.members);
      if (await Team.findOne({ workspaceId, key: request.body.key }))
        throw new KefuError('KEFU_ERR_CONFLICT', 'A team with this key exists', 'body/key');
      const team = await Team.create({ workspaceId, ...request.body });
      return reply.status(201).send(toWireTeam(team.toObject()));
    },
  );

  app.get<{ Params: IdParams }>(
    '/teams/:id',
    {
      config: readers,
      schema: {
        tags,
        summary: 'One team',
        params: idParamsSchema,
        response: { 200: teamSchema, ...errorResponses },
      },
    },
    async (request) => toWireTeam((await findTeam(staff(request).workspaceId, request.params.id)).toObject()),
  );

  app.patch<{ Params: IdParams; Body: TeamUpdate }>(
    '/teams/:id',
    {
      config: owners,
      schema: {
        tags,
        summary: 'Rename a team or set its members',
        description: 'Members are listed in round-robin order.',
        params: idParamsSchema,
        body: teamUpdateSchema,
        response: { 200: teamSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { workspaceId } = staff(request);
      await findTeam(workspaceId, request.params.id);
      await checkMembers(workspaceId, request.body.members);
      const team = await Team.findOneAndUpdate(
        { _id: request.params.id, workspaceId },
        // A new member list restarts the turn: the old position may point past its end.
        { $set: { ...request.body, ...(request.body.members ? { rrCursor: 0 } : {}) } },
        { returnDocument: 'after' },
      ).orFail();
      return toWireTeam(team.toObject());
    },
  );

  // One member in or out, with an operator that needs no read: two owners adding people at once
  // both land (a PATCH of the whole list from each screen kept only the last).
  app.post<{ Params: IdParams; Body: TeamMemberBody }>(
    '/teams/:id/members',
    {
      config: owners,
      schema: {
        tags,
        summary: 'Add one member to a team',
        description: 'Appended to the round-robin order; adding a member who is in the team changes nothing.',
        params: idParamsSchema,
        body: teamMemberBodySchema,
        response: { 200: teamSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { workspaceId } = staff(request);
      const { userId } = request.body;
      if (!(await User.exists({ workspaceId, _id: userId })))
        throw new KefuError(
          'KEFU_ERR_VALIDATION',
          'The member must be a user of this workspace',
          'body/userId',
        );
      const team = await Team.findOneAndUpdate(
        { _id: request.params.id, workspaceId },
        { $addToSet: { members: userId } },
        { returnDocument: 'after' },
      ).lean();
      if (!team) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such team', 'params/id');
      return toWireTeam(team);
    },
  );

  app.delete<{ Params: TeamMemberParams }>(
    '/teams/:id/members/:userId',
    {
      config: owners,
      schema: {
        tags,
        summary: 'Remove one member from a team',
        description: 'Removing someone who is not a member changes nothing.',
        params: teamMemberParamsSchema,
        response: { 200: teamSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { workspaceId } = staff(request);
      // The round-robin turn is taken modulo the member count, so a shorter list needs no reset.
      const team = await Team.findOneAndUpdate(
        { _id: request.params.id, workspaceId },
        { $pull: { members: request.params.userId } },
        { returnDocument: 'after' },
      ).lean();
      if (!team) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such team', 'params/id');
      return toWireTeam(team);
    },
  );

  app.delete<{ Params: IdParams }>(
    '/teams/:id',
    {
      config: owners,
      schema: {
        tags,
        summary: 'Delete a team',
        description: 'Flows that name it find no agent from then on and take their no-agent path.',
        params: idParamsSchema,
        response: { 204: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { workspaceId } = staff(request);
      const result = await Team.deleteOne({ _id: request.params.id, workspaceId });
      if (result.deletedCount === 0) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such team', 'params/id');
      return reply.status(204).send();
    },
  );
};

function toWireTeam(t: {
  _id: unknown;
  key: string;
  name: string;
  members: unknown[];
  createdAt: Date;
}): TeamWire {
  return {
    id: String(t._id),
    key: t.key,
    name: t.name,
    members: t.members.map(String),
    createdAt: new Date(t.createdAt).toISOString(),
  };
}

export default teamRoutes;
