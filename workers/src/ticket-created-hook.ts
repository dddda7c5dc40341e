/**
 * Tells the API that a flow step opened a ticket, so the published ticket-created flow starts for
 * it there (the API picks the flow and builds the run's facts, as for tickets agents open).
 */
export type TicketCreatedHook = (ticket: { workspaceId: string; ticketId: string }) => Promise<void>;

export const noTicketFlows: TicketCreatedHook = async () => {};

/**
 * Through the API's internal endpoint. Best effort, like the agent notices: the ticket is stored
 * either way, and a conversation's run must not stall on the API; a missed start is logged.
 */
export function httpTicketCreated(
  apiUrl: string,
  token: string,
  log: (msg: string) => void,
): TicketCreatedHook {
  return async (ticket) => {
    try {
      const res = await fetch(new URL('/internal/ticket-events', apiUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-kefu-internal-token': token },
        body: JSON.stringify({ ...ticket, event: 'created' }),
        signal: AbortSignal.timeout(5000),
      });
      if (!res.ok) log(`ticket-created flow for ${ticket.ticketId} answered ${res.status}`);
    } catch (err) {
      log(`ticket-created flow for ${ticket.ticketId} failed: ${(err as Error).message}`);
    }
  };
}
