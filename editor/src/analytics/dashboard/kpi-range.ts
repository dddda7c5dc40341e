import { addDays, dayIn } from '../workspace-day';

/** The dashboard's period: a preset or two days typed, as `YYYY-MM-DD` days. */
export type Preset = 'last7' | 'last30' | 'thisMonth' | 'custom';
export const PRESETS: Preset[] = ['last7', 'last30', 'thisMonth', 'custom'];

/** A preset's days, ending today in the workspace's zone (the API counts days there). */
export function presetRange(
  preset: Exclude<Preset, 'custom'>,
  today: Date,
  timeZone?: string,
): { from: string; to: string } {
  const to = dayIn(today, timeZone);
  if (preset === 'last7') return { from: addDays(to, -6), to };
  if (preset === 'last30') return { from: addDays(to, -29), to };
  return { from: `${to.slice(0, 8)}01`, to };
}

/** The days a period of the report covers, clipped to the range (a week can start before it). */
export function periodRange(start: string, groupBy: 'day' | 'week', range: { from: string; to: string }) {
  if (groupBy === 'day') return { from: start, to: start };
  const end = addDays(start, 6);
  return { from: start < range.from ? range.from : start, to: end > range.to ? range.to : end };
}
