/** The dashboard's period: a preset or two days typed, as `YYYY-MM-DD` days. */
export type Preset = 'last7' | 'last30' | 'thisMonth' | 'custom';
export const PRESETS: Preset[] = ['last7', 'last30', 'thisMonth', 'custom'];

const pad = (n: number) => String(n).padStart(2, '0');
/** The local calendar day of a time (the browser's; the API counts days in the workspace's zone). */
export const dayOf = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
export const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

export function presetRange(preset: Exclude<Preset, 'custom'>, today: Date): { from: string; to: string } {
  const to = dayOf(today);
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
