/** The window the operations page and the error-rate alert read: the last 15 minutes. */
export const ERROR_WINDOW_MS = 15 * 60_000;
const SLOT_MS = 60_000;
const SLOTS = ERROR_WINDOW_MS / SLOT_MS;

/**
 * This process's requests and 5xx answers per minute over the last 15 minutes: a fixed ring of
 * minute slots, so counting costs the same whatever the traffic and nothing old is kept.
 */
export function requestWindow(now: () => number = Date.now) {
  const requests = new Array<number>(SLOTS).fill(0);
  const errors = new Array<number>(SLOTS).fill(0);
  const minutes = new Array<number>(SLOTS).fill(-1);
  const slotOf = (minute: number) => {
    const i = minute % SLOTS;
    if (minutes[i] !== minute) {
      minutes[i] = minute;
      requests[i] = 0;
      errors[i] = 0;
    }
    return i;
  };
  return {
    record(failed: boolean): void {
      const i = slotOf(Math.floor(now() / SLOT_MS));
      requests[i]!++;
      if (failed) errors[i]!++;
    },
    read(): { requests: number; errors: number } {
      const current = Math.floor(now() / SLOT_MS);
      let r = 0;
      let e = 0;
      for (let i = 0; i < SLOTS; i++)
        if (minutes[i]! > current - SLOTS) {
          r += requests[i]!;
          e += errors[i]!;
        }
      return { requests: r, errors: e };
    },
  };
}
