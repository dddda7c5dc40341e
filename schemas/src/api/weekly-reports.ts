import type { FromSchema } from 'json-schema-to-ts';

/** The weekly PDF reports a workspace keeps (docs/analytics.md "Weekly report"). */

export const isoWeekSchema = {
  type: 'string',
  pattern: '^\\d{4}-W\\d{2}$',
  description: 'ISO week, e.g. 2026-W49 (Monday to Sunday, in the workspace time zone)',
} as const;

export const weeklyReportSchema = {
  type: 'object',
  title: 'WeeklyReport',
  required: ['id', 'week', 'from', 'to', 'pages', 'bytes', 'score', 'mail', 'createdAt'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', description: '<workspaceId>:<ISO week>' },
    week: isoWeekSchema,
    from: { type: 'string', description: 'Monday' },
    to: { type: 'string', description: 'Sunday' },
    pages: { type: 'integer' },
    bytes: { type: 'integer' },
    score: { type: ['number', 'null'], description: 'The service score of the week; null without data' },
    mail: {
      type: 'string',
      enum: ['due', 'sending', 'sent', 'skipped'],
      description: "The mail to the workspace's owners",
    },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;
export type WeeklyReportWire = FromSchema<typeof weeklyReportSchema>;

export const weeklyReportListSchema = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: { items: { type: 'array', items: weeklyReportSchema, description: 'Newest week first' } },
} as const;

export const generateReportBodySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { week: { ...isoWeekSchema, description: 'Absent: last week' } },
} as const;
export type GenerateReportBody = FromSchema<typeof generateReportBodySchema>;

export const generateReportAnswerSchema = {
  type: 'object',
  required: ['id', 'week'],
  additionalProperties: false,
  properties: { id: { type: 'string' }, week: isoWeekSchema },
} as const;

export const reportIdParamsSchema = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'string', pattern: '^[0-9a-f]{24}:\\d{4}-W\\d{2}$' } },
} as const;
export type ReportIdParams = FromSchema<typeof reportIdParamsSchema>;

/** The workflow the weekly schedule and "generate now" start (workers/src/workflows/weekly-report.ts). */
export interface WeeklyReportInput {
  workspaceId: string;
  /** Absent: the last whole week in the workspace's time zone when the workflow runs. */
  week?: string;
}
export const weeklyReportWorkflowId = (workspaceId: string, week: string) =>
  `weekly-report:${workspaceId}:${week}`;
export const weeklyReportScheduleId = (workspaceId: string) => `weekly-report:${workspaceId}`;
