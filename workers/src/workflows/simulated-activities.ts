import type { FlowActivities } from '@kefu/nodes';

/**
 * The `ctx.act` of a designer simulation (a test run). What stays inside the test conversation runs
 * for real (messages, knowledge-base answers, the test contact, closing); what would reach people or
 * systems outside it, or count in analytics, is answered here in workflow code instead: no offer to
 * a real agent, no ticket in the desk, no webhook, no escalation notice, no CSAT answer.
 * `tag` names the step, so a simulated offer is told apart from the next one.
 */
export function simulatedActivities(real: FlowActivities, tag: string): FlowActivities {
  const ticketId = `simulated-ticket-${tag}`;
  return {
    sendMessage: (input) => real.sendMessage(input),
    searchKnowledgeBase: (input) => real.searchKnowledgeBase(input),
    updateContact: (input) => real.updateContact(input),
    closeConversation: (input) => real.closeConversation(input),
    // The simulator's panel answers the offer (accept as a simulated agent, or let it time out).
    offerToTeam: async () => ({ offerId: `simulated-offer-${tag}` }),
    // A test run's ticket is no real ticket: it takes no number from the desk's sequence.
    createTicket: async () => ({ ticketId, number: 1000 }),
    updateTicket: async () => ({ updated: true }),
    getTicket: async (input) => ({ ticketId: input.ticketId, status: 'open', priority: 'normal' }),
    httpRequest: async (input) => ({
      ok: true,
      status: 200,
      body: JSON.stringify({ simulated: true, method: input.method, url: input.url }),
    }),
    escalate: async () => ({ escalated: true }),
    recordSatisfaction: async () => ({ recorded: true }),
  };
}
