/**
 * Places where the fault tests kill the process on purpose, to prove that a crash exactly there
 * loses nothing. `KEFU_FAULT_POINT=<name>` makes the process SIGKILL itself the first time it
 * passes that point; unset (always, outside those tests) it does nothing.
 */
export type FaultPoint =
  | 'customer-message-stored'
  | 'conversation-resolved'
  | 'agent-message-stored'
  | 'offer-accepted'
  | 'conversation-transferred'
  | 'ticket-created'
  | 'ticket-changed'
  | 'kpi-event-ledgered';

export function faultPoint(name: FaultPoint): void {
  if (process.env.KEFU_FAULT_POINT !== name) return;
  process.kill(process.pid, 'SIGKILL');
}
