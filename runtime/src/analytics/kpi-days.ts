/** Calendar arithmetic on workspace days (`YYYY-MM-DD`), done in UTC so no zone shifts a day. */
const DAY_MS = 86_400_000;

export const toTime = (day: string) => Date.parse(`${day}T00:00:00Z`);
export const toDay = (t: number) => new Date(t).toISOString().slice(0, 10);
export const addDays = (day: string, n: number) => toDay(toTime(day) + n * DAY_MS);

/** Whether the string names a real calendar day. */
export function isDay(day: string): boolean {
  const t = toTime(day);
  return Number.isFinite(t) && toDay(t) === day;
}

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = toTime(from); t <= toTime(to); t += DAY_MS) out.push(toDay(t));
  return out;
}

/** The Monday of the day's week. */
export function weekStart(day: string): string {
  const weekday = (new Date(toTime(day)).getUTCDay() + 6) % 7; // Monday 0
  return addDays(day, -weekday);
}
