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
