// What the worker's weekly report reads: the same KPI report and score the API answers.
export { kpiReport } from './kpi-report';
export { readScoreSettings, scoreReport } from './score-report';
export { dayIn, daysOfWeek, isoWeekOf, lastWeekIn } from './report-weeks';
export { REPORT_HOUR, ensureReportSchedule } from './report-schedule';
