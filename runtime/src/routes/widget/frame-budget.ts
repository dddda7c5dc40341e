/**
 * How many frames one widget socket may send per window. A customer types far slower; a resend
 * burst after a reconnect stays well inside. Frames over budget get an error frame and are dropped
 * unread, so one socket cannot flood storage or the flow run.
 */
export function frameBudget(maxFrames: number, windowMs: number, now: () => number = Date.now) {
  let windowStart = now();
  let used = 0;
  return {
    /** Counts one frame; false when the socket is over budget for the current window. */
    take(): boolean {
      const t = now();
      if (t - windowStart >= windowMs) {
        windowStart = t;
        used = 0;
      }
      used++;
      return used <= maxFrames;
    },
  };
}
