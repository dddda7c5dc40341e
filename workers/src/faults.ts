/**
 * Named crash points for fault-injection tests: KEFU_FAULTS=after-reply-stored makes the worker
 * die (SIGKILL, no clean-up) at that point, exactly as a power cut would.
 */
const armed = new Set((process.env.KEFU_FAULTS ?? '').split(',').filter(Boolean));

export function faultPoint(name: string): void {
  if (armed.has(name)) process.kill(process.pid, 'SIGKILL');
}
