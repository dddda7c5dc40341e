/** What a flow step changed that agents' inboxes show (the API reads the details from the database). */
export interface AgentChange {
  workspaceId: string;
  conversationId: string;
  /** offer: made or ended (offerId); queued: waits for a person; resolved: the flow closed it; updated: its rating. */
  change: 'offer' | 'queued' | 'resolved' | 'updated';
  offerId?: string;
}

/** Tells the API, which pushes the change to the agents' sockets. */
export type NotifyAgents = (change: AgentChange) => Promise<void>;

export const notifyNobody: NotifyAgents = async () => {};

/**
 * Through the API's internal endpoint. Best effort, like the widget push: the change is stored,
 * and an inbox that misses the push shows it on its next load, so a failed push never fails (and
 * re-runs) the activity.
 */
export function httpNotifyAgents(apiUrl: string, token: string, log: (msg: string) => void): NotifyAgents {
  return async (change) => {
    try {
      const res = await fetch(new URL('/internal/agent-events', apiUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-kefu-internal-token': token },
        body: JSON.stringify(change),
        signal: AbortSignal.timeout(2000),
      });
      if (!res.ok) log(`agent notice for ${change.conversationId} answered ${res.status}`);
    } catch (err) {
      log(`agent notice for ${change.conversationId} failed: ${(err as Error).message}`);
    }
  };
}
