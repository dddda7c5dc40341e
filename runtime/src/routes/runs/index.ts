import type { FastifyPluginAsync } from 'fastify';
import {
  PAGE_LIMIT_DEFAULT,
  errorResponses,
  pageSchema,
  runListQuerySchema,
  runParamsSchema,
  runSchema,
  runTimelineSchema,
  type Page,
  type Run,
  type RunListQuery,
  type RunParams,
} from '@kefu/schemas/api';
import type { FlowRunDoc } from '../../models/flow-run';
import { KefuError } from '../../errors';
import { staff } from '../../plugins/app/access';
import { decodeCursor, encodeCursor, pageOfSet, sortOf, walkList } from '../../paginate';

type RunRow = FlowRunDoc & Record<string, unknown> & { _id: unknown };
import { toWireRun, toWireStep } from './wire';

/** Run histories: which path each conversation took, with timings and decisions. Read-only. */
const runRoutes: FastifyPluginAsync = async (app) => {
  const { FlowRun, RunStep } = app.models;
  const tags = ['runs'];
  const readers = { roles: ['owner', 'analyst'] as const };

  app.get<{ Querystring: RunListQuery }>(
    '/runs',
    {
      config: readers,
      schema: {
        tags,
        summary: 'List flow runs',
        description:
          'Filter by flow, version, status, contact, conversation and start time; newest first, in the order runs ' +
          "were recorded. A conversation's or a contact's runs are read whole; otherwise the workspace's (or the " +
          "flow's) runs are read by page, at most 512 per request: a filtered page can come back short, with " +
          '`scannedTo` and a nextCursor that goes on.',
        querystring: runListQuerySchema,
        response: { 200: pageSchema(runSchema), ...errorResponses },
      },
    },
    async (request): Promise<Page<Run>> => {
      const { flowId, version, status, contactId, conversationId, from, to, test, limit = PAGE_LIMIT_DEFAULT, cursor, sort = '-startedAt' } =
        request.query;
      const { workspaceId } = staff(request);
      const { dir } = sortOf(sort);
      const fromTime = from ? new Date(from).getTime() : null;
      const toTime = to ? new Date(to).getTime() : null;
      const started = (r: RunRow) => new Date(r.startedAt).getTime();
      const match = (r: RunRow) =>
        // Simulations are kept apart: real runs by default, only simulations when asked.
        Boolean(r.test) === Boolean(test) &&
        (!flowId || String(r.flowId) === flowId) &&
        (version === undefined || r.version === version) &&
        (!status || r.status === status) &&
        (!contactId || String(r.contactId) === contactId) &&
        (!conversationId || String(r.conversationId) === conversationId) &&
        (fromTime === null || started(r) >= fromTime) &&
        (toTime === null || started(r) < toTime);

      const set = conversationId ? { conversationId } : contactId ? { contactId } : null;
      if (set) {
        const shape = `runs/set/${sort}`;
        const after = cursor ? decodeCursor(cursor, shape) : undefined;
        const rows = await FlowRun.find({ workspaceId, ...set }).lean<RunRow[]>();
        const page = pageOfSet(rows, {
          sort: { value: (r) => r.startedAt, dir },
          limit,
          match,
          ...(after && 'v' in after ? { after } : {}),
        });
        return { items: page.items.map(toWireRun), nextCursor: page.next ? encodeCursor(shape, page.next) : null, total: page.total };
      }
      const kind = test ? 'runs.test' : 'runs';
      const shape = `runs/${flowId ? 'flow' : 'all'}/${sort}`;
      const after = cursor ? decodeCursor(cursor, shape) : undefined;
      const walk = await walkList<RunRow>({
        model: FlowRun as never,
        workspaceId,
        ...(flowId ? { list: `${kind}@${flowId}`, pageField: 'flowPage' } : { list: kind }),
        order: dir,
        limit,
        match,
        // Newest first, a page of runs all started before `from` ends the search.
        ...(fromTime !== null && dir < 0 ? { past: (r: RunRow) => started(r) < fromTime } : {}),
        ...(after && 'o' in after ? { after: after.o } : {}),
      });
      const short = walk.next !== null && walk.items.length < limit && walk.reached;
      return {
        items: walk.items.map(toWireRun),
        nextCursor: walk.next !== null ? encodeCursor(shape, { o: walk.next }) : null,
        ...(short ? { scannedTo: new Date(walk.reached!.startedAt).toISOString() } : {}),
      };
    },
  );

  app.get<{ Params: RunParams }>(
    '/runs/:runId',
    {
      config: readers,
      schema: {
        tags,
        summary: "One run's timeline",
        params: runParamsSchema,
        response: { 200: runTimelineSchema, ...errorResponses },
      },
    },
    async (request) => {
      const workspaceId = staff(request).workspaceId;
      const run = await FlowRun.findOne({ workspaceId, runId: request.params.runId }).lean();
      if (!run) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such run', 'params/runId');
      const steps = await RunStep.find({ workspaceId, runId: run.runId }).sort({ step: 1 }).lean();
      return { run: toWireRun(run), steps: steps.map(toWireStep) };
    },
  );
};

export default runRoutes;
