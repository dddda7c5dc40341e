export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface LocalTime {
  /** YYYY-MM-DD */
  date: string;
  weekday: Weekday;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock time in an IANA time zone, or null for an unknown zone. Pure: the caller passes the time. */
export function localTime(epochMs: number, timeZone: string): LocalTime | null {
  const format = formatter(timeZone);
  if (!format) return null;
  const parts: Record<string, string> = {};
  for (const p of format.formatToParts(new Date(epochMs))) parts[p.type] = p.value;
  const weekday = (parts.weekday ?? '').toLowerCase().slice(0, 3) as Weekday;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday,
    // Some engines print midnight as hour 24 with hourCycle h23 unsupported; fold it back.
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
  };
}

export function isTimeZone(timeZone: string): boolean {
  return formatter(timeZone) !== null;
}

function formatter(timeZone: string): Intl.DateTimeFormat | null {
  let format = formatters.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      return null;
    }
    formatters.set(timeZone, format);
  }
  return format;
}

/**
 * The instant a wall-clock `date` (YYYY-MM-DD) and `time` (HH:MM) name in an IANA zone, or null for
 * an unknown zone or a date that does not exist. A time skipped by a daylight-saving change reads as
 * an instant an hour beside it. Pure: used by the simulator to set a test run's clock.
 */
export function zonedTimeToEpoch(date: string, time: string, timeZone: string): number | null {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  if ([y, mo, d, h, mi].some((n) => n === undefined || !Number.isInteger(n))) return null;
  const asUtc = Date.UTC(y!, mo! - 1, d!, h!, mi!);
  const check = new Date(asUtc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo! - 1 || check.getUTCDate() !== d)
    return null;
  // The zone's offset at the guess, then at the corrected guess (offsets change at most twice a day).
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const local = localTime(guess, timeZone);
    if (!local) return null;
    const [ly, lmo, ld] = local.date.split('-').map(Number);
    const seen = Date.UTC(ly!, lmo! - 1, ld!, local.hour, local.minute);
    guess += asUtc - seen;
  }
  return guess;
}
