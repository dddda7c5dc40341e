/** Milliseconds of a date fact: an ISO date/time text or epoch milliseconds; undefined otherwise. */
export function dateMillis(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.length > 40) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

const UNIT_MS = { days: 86_400_000, hours: 3_600_000 } as const;

/**
 * The date-age operators for one evaluation: the age is measured against the run's clock (`now`,
 * from the workflow), never the machine's, so a replay decides the same. A fact that is not a date
 * makes every age test false.
 */
export function ageOperators(now: number) {
  const age = (factValue: unknown) => {
    const ms = dateMillis(factValue);
    return ms === undefined ? undefined : now - ms;
  };
  const older = (unit: keyof typeof UNIT_MS) => (factValue: unknown, jsonValue: unknown) => {
    const a = age(factValue);
    return a !== undefined && typeof jsonValue === 'number' && a > jsonValue * UNIT_MS[unit];
  };
  const within = (unit: keyof typeof UNIT_MS) => (factValue: unknown, jsonValue: unknown) => {
    const a = age(factValue);
    return a !== undefined && typeof jsonValue === 'number' && a <= jsonValue * UNIT_MS[unit];
  };
  return {
    olderThanDays: older('days'),
    withinDays: within('days'),
    olderThanHours: older('hours'),
    withinHours: within('hours'),
  };
}
