import { useContext } from 'react';
import { SessionContext } from '../console/session';

/**
 * The calendar day (`YYYY-MM-DD`) a time falls on in a time zone. Analytics count days in the
 * workspace's zone, so a range picked in a browser elsewhere (an owner travelling, an analyst
 * abroad) must name the workspace's days, not the browser's or UTC's. An unknown zone falls back to
 * the browser's own.
 */
export function dayIn(time: Date | number, timeZone?: string): string {
  const format = (zone?: string) =>
    new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(time);
  try {
    return format(timeZone);
  } catch {
    return format(undefined);
  }
}

/** A `YYYY-MM-DD` day moved by `n` days (calendar arithmetic, no zone involved). */
export const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** The signed-in workspace's time zone (none outside the console: the browser's is used). */
export function useWorkspaceZone(): string | undefined {
  return useContext(SessionContext)?.workspace.timeZone;
}
