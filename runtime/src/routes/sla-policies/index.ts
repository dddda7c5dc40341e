import type { Types } from 'mongoose';
import type { FastifyPluginAsync } from 'fastify';
import { isTimeZone } from '@kefu/nodes';
import {
  emptySchema,
  errorResponses,
  idParamsSchema,
  slaPolicyCreateSchema,
  slaPolicyListSchema,
  slaPolicySchema,
  slaPolicyUpdateSchema,
  type BusinessHoursSpec,
  type IdParams,
  type SlaPolicyCreate,
  type SlaPolicyUpdate,
  type SlaPolicyWire,
} from '@kefu/schemas/api';
import { defaultSlaPolicyId, dropDefaultSlaPolicy, makeDefaultSlaPolicy, type SlaPolicyDoc } from '../../models';
import { KefuError } from '../../errors';
import { staff } from '../../plugins/app/access';

/** A workspace has a handful of policies: listed whole, no pages. */
const MAX_POLICIES = 50;

/**
 * SLA policies: first-response and resolution targets per priority, in calendar or business
 * minutes. Owners manage them; agents and analysts read them. New tickets get the default policy.
 */
const slaPolicyRoutes: FastifyPluginAsync = async (app) => {
  const { SlaPolicy } = app.models;
  const tags = ['sla-policies'];
  const readers = { roles: ['owner', 'agent', 'analyst'] as const };
  const owners = { roles: ['owner'] as const };

  async function findPolicy(workspaceId: string, id: string) {
    const policy = await SlaPolicy.findOne({ _id: id, workspaceId });
    if (!policy) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such SLA policy', 'params/id');
    return policy;
  }

  /** One default per workspace, named on the workspace (models/sla-default.ts): exactly one answer. */
  async function setDefault(workspaceId: string, policyId: Types.ObjectId, isDefault: boolean | undefined) {
    if (isDefault === true) await makeDefaultSlaPolicy(app.models, workspaceId, policyId);
    if (isDefault === false) await dropDefaultSlaPolicy(app.models, workspaceId, policyId);
  }

  app.get(
    '/sla-policies',
    {
      config: readers,
      schema: { tags, summary: 'List SLA policies', response: { 200: slaPolicyListSchema, ...errorResponses } },
    },
    async (request) => {
      const { workspaceId } = staff(request);
      const [items, defaultId] = await Promise.all([
        SlaPolicy.find({ workspaceId }).sort({ createdAt: 1, _id: 1 }).limit(MAX_POLICIES).lean(),
        defaultSlaPolicyId(app.models, workspaceId),
      ]);
      return { items: items.map((p) => toWirePolicy(p, defaultId)) };
    },
  );

  app.post<{ Body: SlaPolicyCreate }>(
    '/sla-policies',
    {
      config: owners,
      schema: {
        tags,
        summary: 'Create an SLA policy',
        description:
          'Targets in minutes per priority. businessHoursOnly counts only the policy\'s weekly hours ' +
          '(default Mon–Fri 09:00–18:00) in its time zone (default: the workspace\'s), skipping holidays.',
        body: slaPolicyCreateSchema,
        response: { 201: slaPolicySchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = staff(request);
      checkHours(request.body.businessHours);
      if ((await SlaPolicy.countDocuments({ workspaceId: actor.workspaceId })) >= MAX_POLICIES)
        throw new KefuError('KEFU_ERR_CONFLICT', `A workspace has at most ${MAX_POLICIES} SLA policies`);
      const { isDefault, ...fields } = request.body;
      const policy = await SlaPolicy.create({
        workspaceId: actor.workspaceId,
        ...fields,
        // The workspace names its default; the flag stays false on policies made since.
        isDefault: false,
        businessHoursOnly: request.body.businessHoursOnly ?? false,
      });
      await setDefault(actor.workspaceId, policy._id, isDefault || undefined);
      const wire = toWirePolicy(policy.toObject(), await defaultSlaPolicyId(app.models, actor.workspaceId));
      await app.audit.record(actor, { action: 'sla-policy.create', targetType: 'sla-policy', targetId: wire.id, after: wire });
      return reply.status(201).send(wire);
    },
  );

  app.get<{ Params: IdParams }>(
    '/sla-policies/:id',
    {
      config: readers,
      schema: {
        tags,
        summary: 'One SLA policy',
        params: idParamsSchema,
        response: { 200: slaPolicySchema, ...errorResponses },
      },
    },
    async (request) => {
      const { workspaceId } = staff(request);
      const policy = await findPolicy(workspaceId, request.params.id);
      return toWirePolicy(policy.toObject(), await defaultSlaPolicyId(app.models, workspaceId));
    },
  );

  app.patch<{ Params: IdParams; Body: SlaPolicyUpdate }>(
    '/sla-policies/:id',
    {
      config: owners,
      schema: {
        tags,
        summary: 'Change an SLA policy',
        description: 'Applies to tickets opened or re-prioritised from now on; existing due dates stay.',
        params: idParamsSchema,
        body: slaPolicyUpdateSchema,
        response: { 200: slaPolicySchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = staff(request);
      const { businessHours, isDefault, ...rest } = request.body;
      checkHours(businessHours ?? undefined);
      const policy = await findPolicy(actor.workspaceId, request.params.id);
      const before = toWirePolicy(policy.toObject(), await defaultSlaPolicyId(app.models, actor.workspaceId));
      policy.set(rest);
      if (businessHours === null) policy.set('businessHours', undefined);
      else if (businessHours) policy.set('businessHours', businessHours);
      await policy.save();
      await setDefault(actor.workspaceId, policy._id, isDefault);
      const after = toWirePolicy(policy.toObject(), await defaultSlaPolicyId(app.models, actor.workspaceId));
      await app.audit.record(actor, { action: 'sla-policy.update', targetType: 'sla-policy', targetId: after.id, before, after });
      return after;
    },
  );

  app.delete<{ Params: IdParams }>(
    '/sla-policies/:id',
    {
      config: owners,
      schema: {
        tags,
        summary: 'Delete an SLA policy',
        description: 'Tickets keep the due dates they were given.',
        params: idParamsSchema,
        response: { 200: emptySchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = staff(request);
      const policy = await findPolicy(actor.workspaceId, request.params.id);
      const before = toWirePolicy(policy.toObject(), await defaultSlaPolicyId(app.models, actor.workspaceId));
      await SlaPolicy.deleteOne({ _id: policy._id, workspaceId: actor.workspaceId });
      await dropDefaultSlaPolicy(app.models, actor.workspaceId, policy._id);
      await app.audit.record(actor, { action: 'sla-policy.delete', targetType: 'sla-policy', targetId: before.id, before });
      return {};
    },
  );
};

/** What a schema cannot say: the zone exists, and each opening closes after it opens. */
function checkHours(hours: BusinessHoursSpec | undefined): void {
  if (!hours) return;
  if (hours.timeZone !== undefined && !isTimeZone(hours.timeZone))
    throw new KefuError('KEFU_ERR_VALIDATION', 'Unknown time zone', 'body/businessHours/timeZone');
  hours.schedule.forEach((s, i) => {
    if (s.close <= s.open)
      throw new KefuError('KEFU_ERR_VALIDATION', 'Closes before it opens', `body/businessHours/schedule/${i}/close`);
  });
}

type PolicyRecord = SlaPolicyDoc & { _id: unknown; createdAt: Date; updatedAt: Date };

function toWirePolicy(p: PolicyRecord, defaultId: string | null): SlaPolicyWire {
  const targets: SlaPolicyWire['targets'] = {};
  for (const priority of ['low', 'normal', 'high', 'urgent'] as const) {
    const t = p.targets?.[priority];
    if (t?.firstResponseMinutes && t.resolutionMinutes)
      targets[priority] = { firstResponseMinutes: t.firstResponseMinutes, resolutionMinutes: t.resolutionMinutes };
  }
  return {
    id: String(p._id),
    name: p.name,
    isDefault: String(p._id) === defaultId,
    targets,
    businessHoursOnly: p.businessHoursOnly,
    ...(p.businessHours ? { businessHours: p.businessHours as BusinessHoursSpec } : {}),
    createdAt: new Date(p.createdAt).toISOString(),
    updatedAt: new Date(p.updatedAt).toISOString(),
  };
}

export default slaPolicyRoutes;
