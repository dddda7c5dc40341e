import type { FlowActivities } from '@kefu/nodes';
import type { SimulationSettings } from '@kefu/schemas';

/**
 * The `ctx.act` of a designer simulation (a test run). What stays inside the test conversation runs
 * for real (messages, knowledge-base answers, the test contact, closing); what would reach people or
 * systems outside it, or count in analytics, is answered here in workflow code instead: no offer to
 * a real agent, no ticket in the desk, no webhook, no escalation notice, no CSAT answer.
 * `tag` names the step, so a simulated offer is told apart from the next one. What the owner set in
 * the simulator (`settings`) decides the rest: whether an agent is online, and per HTTP step
 * (`nodeId`) a mocked answer or a real call (the activity, with its outbound address guard).
 */
export function simulatedActivities(
  real: FlowActivities,
  tag: string,
  nodeId: string,
  settings: SimulationSettings = {},
): FlowActivities {
  const ticketId = `simulated-ticket-${tag}`;
  return {
    sendMessage: (input) => real.sendMessage(input),
    searchKnowledgeBase: (input) => real.searchKnowledgeBase(input),
    updateContact: (input) => real.updateContact(input),
    closeConversation: (input) => real.closeConversation(input),
    // The simulator's panel answers the offer (accept as a simulated agent, or let it time out).
    offerToTeam: async () =>
      settings.agentsOnline === false
        ? { noAgent: true, routing: { candidates: [], noAgent: 'simulated' } }
        : { offerId: `simulated-offer-${tag}` },
    // A test run's ticket is no real ticket: it takes no number from the desk's sequence.
    createTicket: async () => ({ ticketId, number: 1000 }),
    updateTicket: async () => ({ updated: true }),
    getTicket: async (input) => ({ ticketId: input.ticketId, status: 'open', priority: 'normal' }),
    httpRequest: async (input) => {
      const mock = settings.http?.[nodeId];
      if (mock?.mode === 'real') return real.httpRequest(input);
      if (mock?.mode === 'mock')
        return { ok: mock.status >= 200 && mock.status < 300, status: mock.status, body: mock.body };
      return {
        ok: true,
        status: 200,
        body: JSON.stringify({ simulated: true, method: input.method, url: input.url }),
      };
    },
    escalate: async () => ({ escalated: true }),
    recordSatisfaction: async () => ({ recorded: true }),
  };
}
