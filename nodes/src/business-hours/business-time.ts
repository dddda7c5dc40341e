import { localTime } from '../clock';
import type { BusinessHoursConfig } from './schema';
import { DEFAULT_TIME_ZONE } from '.';

const MINUTE = 60_000;

/** Mon–Fri 09:00–18:00: the hours business-time counting uses when neither the step nor the shop names any. */
export const DEFAULT_WEEKLY_HOURS: BusinessHoursConfig = {
  schedule: (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({
    day,
    open: '09:00',
    close: '18:00',
  })),
  holidays: [],
};
/** Enough steps for a year of any weekly schedule; a schedule that never opens ends the search. */
const MAX_STEPS = 5000;

/**
 * The moment `minutes` of open business time have passed after `startMs`, counting only the
 * schedule's opening hours in its time zone (else `fallbackZone`) and skipping holidays; null when
 * the schedule never opens. The same local-time reading as `isOpen`, so the business-hours node
 * and SLA due dates agree about when the shop is open. Pure.
 */
export function addBusinessMinutes(
  startMs: number,
  minutes: number,
  config: BusinessHoursConfig,
  fallbackZone = DEFAULT_TIME_ZONE,
): number | null {
  const zone = localTime(0, config.timeZone ?? fallbackZone)
    ? (config.timeZone ?? fallbackZone)
    : DEFAULT_TIME_ZONE;
  const holidays = new Set(config.holidays ?? []);
  let t = startMs;
  let leftMs = minutes * MINUTE;
  for (let i = 0; i < MAX_STEPS; i++) {
    const local = localTime(t, zone);
    if (!local) return null;
    const now = local.hour * 60 + local.minute;
    const intoMinute = ((t % MINUTE) + MINUTE) % MINUTE;
    const windows = holidays.has(local.date)
      ? []
      : (config.schedule ?? [])
          .filter((s) => s.day === local.weekday)
          .map((s) => [clock(s.open), clock(s.close)] as const);
    const inside = windows.filter(([open, close]) => open <= now && now < close).map(([, close]) => close);
    if (inside.length > 0) {
      const availableMs = (Math.max(...inside) - now) * MINUTE - intoMinute;
      if (leftMs <= availableMs) return t + leftMs;
      leftMs -= availableMs;
      t += availableMs;
      continue;
    }
    // Closed: jump to the next opening today, else to local midnight. Jumps are in wall-clock
    // minutes; across a DST change the next step re-reads the local time and corrects.
    const later = windows.map(([open]) => open).filter((open) => open > now);
    const jumpTo = later.length > 0 ? Math.min(...later) : 24 * 60;
    t += (jumpTo - now) * MINUTE - intoMinute;
  }
  return null;
}

function clock(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}
