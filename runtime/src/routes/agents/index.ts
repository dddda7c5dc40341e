import type { FastifyPluginAsync } from 'fastify';
import {
  agentProfileSchema,
  agentSettingsSchema,
  errorResponses,
  idParamsSchema,
  myPresenceSchema,
  offerSchema,
  pageQuerySchema,
  pageSchema,
  type AgentProfileWire,
  type AgentSettings,
  type IdParams,
  type MyPresence,
  type PageQuery,
} from '@kefu/schemas/api';
import { KefuError } from '../../errors';
import { staff } from '../../plugins/app/access';
import { paginate } from '../../paginate';
import { loadsOf, passOffer, updateAgentProfile } from '../../routing';
import { acceptOffer } from '../../inbox/assignment';
import { announce } from '../../inbox/conversation-actions';
import { announceOfferMove } from '../../inbox/offer-events';
import { toWireOffer } from './offer-wire';

/**
 * Agents taking work: their presence and capacity, the offers routing made them, accepting and
 * declining. Owners take chats too in a small shop, so they count as agents here.
 */
const agentRoutes: FastifyPluginAsync = async (app) => {
  const { AgentProfile, Offer, User } = app.models;
  const tags = ['agents'];
  const agents = { roles: ['owner', 'agent'] as const };
  const owners = { roles: ['owner'] as const };

  async function profileOf(workspaceId: string, userId: string): Promise<AgentProfileWire> {
    const p = await AgentProfile.findOne({ workspaceId, userId }).lean();
    const load = (await loadsOf(app.models, workspaceId, [userId])).get(userId) ?? 0;
    // Someone who never set anything is offline with the defaults.
    return p
      ? { userId, presence: p.presence, maxConcurrent: p.maxConcurrent, skills: p.skills ?? [], load }
      : { userId, presence: 'offline', maxConcurrent: 3, skills: [], load };
  }

  /** The caller's offer; another agent's or another workspace's is "not found", never "forbidden". */
  async function myOffer(workspaceId: string, userId: string, id: string) {
    const offer = await Offer.findOne({ _id: id, workspaceId });
    if (!offer || String(offer.agentId) !== userId) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such offer', 'params/id');
    return offer;
  }

  app.get(
    '/agents/me',
    {
      config: agents,
      schema: { tags, summary: 'My presence, capacity and load', response: { 200: agentProfileSchema, ...errorResponses } },
    },
    async (request) => {
      const { workspaceId, userId } = staff(request);
      return await profileOf(workspaceId, userId);
    },
  );

  app.patch<{ Body: MyPresence }>(
    '/agents/me',
    {
      config: agents,
      schema: {
        tags,
        summary: 'Set my presence or capacity',
        description: 'Only online agents below capacity get offers; going offline hands my open offers to others.',
        body: myPresenceSchema,
        response: { 200: agentProfileSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { workspaceId, userId } = staff(request);
      const held =
        request.body.presence === 'offline'
          ? await app.models.Offer.find({ workspaceId, agentId: userId, status: 'offered' }, { _id: 1 }).lean()
          : [];
      await updateAgentProfile(app.models, workspaceId, userId, request.body);
      for (const offer of held) await announceOfferMove(app, workspaceId, String(offer._id), userId, 'released');
      return await profileOf(workspaceId, userId);
    },
  );

  app.get<{ Querystring: PageQuery }>(
    '/agents',
    {
      config: owners,
      schema: {
        tags,
        summary: "Agents' presence, capacity, skills and load",
        description: 'Everyone who has set their presence or been given skills.',
        querystring: pageQuerySchema(['createdAt'], 'createdAt'),
        response: { 200: pageSchema(agentProfileSchema), ...errorResponses },
      },
    },
    async (request) => {
      const { workspaceId } = staff(request);
      const page = await paginate(AgentProfile, { workspaceId }, request.query, (p) => p);
      const loads = await loadsOf(app.models, workspaceId, page.items.map((p) => p.userId));
      return {
        nextCursor: page.nextCursor,
        items: page.items.map((p) => ({
          userId: String(p.userId),
          presence: p.presence,
          maxConcurrent: p.maxConcurrent,
          skills: p.skills ?? [],
          load: loads.get(String(p.userId)) ?? 0,
        })),
      };
    },
  );

  app.patch<{ Params: IdParams; Body: AgentSettings }>(
    '/agents/:id',
    {
      config: owners,
      schema: {
        tags,
        summary: "Set an agent's skills or capacity",
        params: idParamsSchema,
        body: agentSettingsSchema,
        response: { 200: agentProfileSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { workspaceId } = staff(request);
      if (!(await User.findOne({ _id: request.params.id, workspaceId })))
        throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such user', 'params/id');
      await updateAgentProfile(app.models, workspaceId, request.params.id, request.body);
      return await profileOf(workspaceId, request.params.id);
    },
  );

  app.get<{ Querystring: PageQuery }>(
    '/agents/me/offers',
    {
      config: agents,
      schema: {
        tags,
        summary: 'Conversations offered to me and waiting for my answer',
        querystring: pageQuerySchema(['createdAt', 'expiresAt'], 'createdAt'),
        response: { 200: pageSchema(offerSchema), ...errorResponses },
      },
    },
    async (request) => {
      const { workspaceId, userId } = staff(request);
      const filter = { workspaceId, agentId: userId, status: 'offered', expiresAt: { $gt: new Date() } };
      return await paginate(Offer, filter, request.query, toWireOffer);
    },
  );

  app.post<{ Params: IdParams }>(
    '/offers/:id/accept',
    {
      config: agents,
      schema: {
        tags,
        summary: 'Accept an offered conversation',
        description:
          "Assigns the conversation to me and tells its flow run, which goes on down the step's assigned port. Repeating an accept that succeeded is harmless.",
        params: idParamsSchema,
        response: { 200: offerSchema, ...errorResponses },
      },
    },
    async (request) => {
      const auth = staff(request);
      const offer = await myOffer(auth.workspaceId, auth.userId, request.params.id);
      const conversationId = String(offer.conversationId);
      await acceptOffer(app, auth, offer.toObject());
      await announce(app, auth, conversationId, 'conversation.assigned');
      return toWireOffer({ ...offer.toObject(), status: 'accepted' });
    },
  );

  app.post<{ Params: IdParams }>(
    '/offers/:id/decline',
    {
      config: agents,
      schema: {
        tags,
        summary: 'Decline an offered conversation',
        description: 'The conversation is offered to the next agent of the team, if any is free.',
        params: idParamsSchema,
        response: { 200: offerSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { workspaceId, userId } = staff(request);
      const offer = await myOffer(workspaceId, userId, request.params.id);
      const passed = offer.status === 'offered' ? await passOffer(app.models, workspaceId, String(offer._id), userId, 'declined') : null;
      if (!passed) throw new KefuError('KEFU_ERR_CONFLICT', 'This offer is no longer open', 'params/id');
      await announceOfferMove(app, workspaceId, String(offer._id), userId, 'declined');
      return toWireOffer({ ...offer.toObject(), status: 'declined' });
    },
  );
};

export default agentRoutes;
