import { addDays, toTime, weekStart } from './kpi-days';

/** ISO weeks (`2026-W49`, Monday to Sunday) of workspace days, for the weekly report. */

/** The ISO week a day is in: the week's Thursday decides its year. */
export function isoWeekOf(day: string): string {
  const thursday = addDays(weekStart(day), 3);
  const year = Number(thursday.slice(0, 4));
  const firstThursday = addDays(weekStart(`${year}-01-04`), 3);
  const n = Math.round((toTime(thursday) - toTime(firstThursday)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(n).padStart(2, '0')}`;
}

export const ISO_WEEK = /^(\d{4})-W(\d{2})$/;

/** Monday and Sunday of an ISO week, or null for a week that does not exist (`2026-W54`). */
export function daysOfWeek(week: string): { from: string; to: string } | null {
  const m = ISO_WEEK.exec(week);
  if (!m) return null;
  const from = addDays(weekStart(`${m[1]}-01-04`), (Number(m[2]) - 1) * 7);
  return isoWeekOf(from) === week ? { from, to: addDays(from, 6) } : null;
}

/** Today in a time zone, `YYYY-MM-DD`. */
export function dayIn(timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** The last whole week before `at` in the zone: what Monday morning's report is about. */
export const lastWeekIn = (timeZone: string, at: Date) => isoWeekOf(addDays(dayIn(timeZone, at), -7));
