import type { FastifyPluginAsync } from 'fastify';
import {
  LINEUP_TRIGGERS,
  entryFilterSchema,
  errorResponses,
  flowLineupListSchema,
  flowLineupSchema,
  flowSummarySchema,
  idParamsSchema,
  lineupMoveBodySchema,
  lineupParamsSchema,
  type EntryFilter,
  type FlowLineup,
  type IdParams,
  type LineupMoveBody,
  type LineupParams,
} from '@kefu/schemas/api';
import { KefuError } from '../../errors';
import { staff } from '../../plugins/app/access';
import { liveInOrder, moveInLineup, type LiveRow } from '../../flows/lineup';
import { toFlowSummary } from './flow-wire';

const WRITERS = { roles: ['owner'] as const };
const READERS = { roles: ['owner', 'analyst'] as const };
const tags = ['flows'];

/** Several live flows per trigger: their order, their entry filters, and taking one off. */
const lineupRoutes: FastifyPluginAsync = async (app) => {
  const { Flow } = app.models;

  app.get(
    '/flow-lineups',
    {
      config: READERS,
      schema: {
        tags,
        summary: "Each trigger's live flows in the order they are tried, with their entry filters",
        response: { 200: flowLineupListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const workspaceId = staff(request).workspaceId;
      const items = await Promise.all(
        LINEUP_TRIGGERS.map(async (trigger) =>
          toLineup(trigger, await liveInOrder(app.models, workspaceId, trigger)),
        ),
      );
      return { items };
    },
  );

  app.post<{ Params: LineupParams; Body: LineupMoveBody }>(
    '/flow-lineups/:trigger/moves',
    {
      config: WRITERS,
      schema: {
        tags,
        summary: 'Move one live flow to a position in its trigger’s order (0 is tried first)',
        params: lineupParamsSchema,
        body: lineupMoveBodySchema,
        response: { 200: flowLineupSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = staff(request);
      const { trigger } = request.params;
      const { flowId, position } = request.body;
      const rows = await moveInLineup(app.models, actor.workspaceId, trigger, flowId, position);
      if (!rows)
        throw new KefuError('KEFU_ERR_NOT_FOUND', `No live ${trigger} flow ${flowId}`, 'body/flowId');
      await app.audit.record(actor, {
        action: 'flow.reorder',
        targetType: 'flow',
        targetId: flowId,
        after: { trigger, order: rows.map((r) => String(r._id)) },
      });
      return toLineup(trigger, rows);
    },
  );

  app.put<{ Params: IdParams; Body: EntryFilter }>(
    '/flows/:id/entry',
    {
      config: WRITERS,
      schema: {
        tags,
        summary: "Set the flow's entry filter: which events of its trigger it takes when live",
        params: idParamsSchema,
        body: entryFilterSchema,
        response: { 200: flowSummarySchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = staff(request);
      const entry = request.body;
      const before = await Flow.findOneAndUpdate(
        { _id: request.params.id, workspaceId: actor.workspaceId },
        { $set: { entry } },
      ).lean();
      if (!before) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such flow', 'params/id');
      await app.audit.record(actor, {
        action: 'flow.entry',
        targetType: 'flow',
        targetId: request.params.id,
        before: { entry: before.entry ?? {} },
        after: { entry },
      });
      return toFlowSummary({ ...before, entry, draft: null });
    },
  );

  app.post<{ Params: IdParams }>(
    '/flows/:id/unpublish',
    {
      config: WRITERS,
      schema: {
        tags,
        summary: 'Take the flow off: new events no longer start it; running runs finish on their version',
        params: idParamsSchema,
        response: { 200: flowSummarySchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = staff(request);
      const before = await Flow.findOneAndUpdate(
        { _id: request.params.id, workspaceId: actor.workspaceId },
        { $unset: { activeVersion: 1, activatedAt: 1 } },
      ).lean();
      if (!before) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such flow', 'params/id');
      if (before.activeVersion)
        await app.audit.record(actor, {
          action: 'flow.unpublish',
          targetType: 'flow',
          targetId: request.params.id,
          before: { activeVersion: before.activeVersion },
          after: { activeVersion: null },
        });
      const { activeVersion: _gone, ...rest } = before;
      return toFlowSummary({ ...rest, draft: null });
    },
  );

  function toLineup(trigger: FlowLineup['trigger'], rows: LiveRow[]): FlowLineup {
    return {
      trigger,
      flows: rows.map((r) => ({
        id: String(r._id),
        name: r.name,
        activeVersion: r.activeVersion,
        entry: r.entry ?? {},
      })),
    };
  }
};

export default lineupRoutes;
