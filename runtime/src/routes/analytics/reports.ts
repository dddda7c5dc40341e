import type { FastifyPluginAsync } from 'fastify';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import {
  ANALYTICS_READERS,
  errorResponses,
  generateReportAnswerSchema,
  generateReportBodySchema,
  reportIdParamsSchema,
  weeklyReportListSchema,
  weeklyReportWorkflowId,
  type GenerateReportBody,
  type ReportIdParams,
  type WeeklyReportInput,
  type WeeklyReportWire,
} from '@kefu/schemas/api';
import { KefuError } from '../../errors';
import { weeklyReportId, type WeeklyReportDoc } from '../../models';
import { staff } from '../../plugins/app/access';
import { dayIn, daysOfWeek, lastWeekIn } from '../../analytics/report-weeks';

const tags = ['analytics'];
/** A year of weeks: the list is bounded without paging. */
const LIST_LIMIT = 60;

/** The weekly PDF reports: the list, a download, and "generate now" (docs/analytics.md "Weekly report"). */
const reportRoutes: FastifyPluginAsync = async (app) => {
  const { WeeklyReport, Workspace } = app.models;

  const toWire = (r: Omit<WeeklyReportDoc, 'pdf'> & { _id: string; createdAt: Date }): WeeklyReportWire => ({
    id: r._id,
    week: r.week,
    from: r.from,
    to: r.to,
    pages: r.pages,
    bytes: r.bytes,
    score: r.score ?? null,
    mail: r.mail as WeeklyReportWire['mail'],
    createdAt: r.createdAt.toISOString(),
  });

  app.get(
    '/analytics/reports',
    {
      config: { roles: ANALYTICS_READERS },
      schema: {
        tags,
        summary: 'The weekly PDF reports kept for download, newest week first',
        response: { 200: weeklyReportListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const items = await WeeklyReport.find({ workspaceId: staff(request).workspaceId }, { pdf: 0 })
        .sort({ week: -1 })
        .limit(LIST_LIMIT)
        .lean<(Omit<WeeklyReportDoc, 'pdf'> & { _id: string; createdAt: Date })[]>();
      return { items: items.map(toWire) };
    },
  );

  app.get<{ Params: ReportIdParams }>(
    '/analytics/reports/:id/pdf',
    {
      config: { roles: ANALYTICS_READERS },
      schema: {
        tags,
        summary: 'Download a weekly report (application/pdf)',
        params: reportIdParamsSchema,
        response: { 200: { type: 'string', format: 'binary' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const workspaceId = staff(request).workspaceId;
      const report = await WeeklyReport.findOne({ _id: request.params.id, workspaceId }).lean();
      if (!report) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such report', 'params/id');
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="kefu-report-${report.week}.pdf"`)
        .send(bytesOf(report.pdf));
    },
  );

  app.post<{ Body: GenerateReportBody }>(
    '/analytics/reports',
    {
      config: { roles: ANALYTICS_READERS },
      schema: {
        tags,
        summary: 'Generate the report of a week now (and mail it to the owners, once per week)',
        description:
          'Starts the same workflow the weekly schedule starts; the report appears in the list when rendered. ' +
          'A week already rendered is not rendered again. Only a week that has ended can be generated.',
        body: generateReportBodySchema,
        response: { 202: generateReportAnswerSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const workspaceId = staff(request).workspaceId;
      const ws = await Workspace.findOne({ _id: workspaceId }, { timeZone: 1 }).lean();
      const timeZone = ws?.timeZone ?? 'UTC';
      const week = request.body.week ?? lastWeekIn(timeZone, new Date());
      const days = daysOfWeek(week);
      if (!days) throw new KefuError('KEFU_ERR_VALIDATION', `${week} is not a week`, 'body/week');
      if (days.to >= dayIn(timeZone, new Date()))
        throw new KefuError('KEFU_ERR_VALIDATION', `${week} has not ended yet`, 'body/week');
      const input: WeeklyReportInput = { workspaceId, week };
      try {
        await app.temporal.workflow.start('weeklyReport', {
          taskQueue: app.taskQueue,
          workflowId: weeklyReportWorkflowId(workspaceId, week),
          args: [input],
        });
      } catch (err) {
        // Already being generated: the same report will appear.
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      }
      return reply.status(202).send({ id: weeklyReportId(workspaceId, week), week });
    },
  );
};

export default reportRoutes;

/** A lean read gives the driver's Binary, a hydrated one a Buffer. */
function bytesOf(pdf: unknown): Buffer {
  if (Buffer.isBuffer(pdf)) return pdf;
  return Buffer.from((pdf as { buffer: Uint8Array }).buffer);
}
