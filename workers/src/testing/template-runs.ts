import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { FLOW_SIGNALS } from '@kefu/schemas';
import type { Activities } from '../activities';

/**
 * Scripted stand-ins for the outside world, used to drive the starter templates through the real
 * interpreter when recording the histories that the replay test keeps replaying. Each answers
 * like the real activity would on a quiet day; offers are accepted by "an agent" at once, who
 * resolves the chat straight away.
 */
export function scriptedActivities(client: Client) {
  let n = 0;
  return {
    sendMessage: async (input: { quickReplies?: { label: string }[] }) => {
      const workflowId = Context.current().info.workflowExecution?.workflowId as string;
      const rating = templateScripts[workflowId.replace(/^record-/, '')]?.rating;
      // Asked for a rating (the survey's 1-5 buttons), the customer taps one.
      if (rating && input.quickReplies?.some((q) => q.label === '5'))
        await client.workflow
          .getHandle(workflowId)
          .signal(FLOW_SIGNALS.customerMessage, { messageId: `rating-${n}`, text: rating });
      return { messageId: `m${++n}` };
    },
    createTicket: async () => ({ ticketId: `t${++n}` }),
    updateTicket: async () => ({ updated: true }),
    getTicket: async (input: { ticketId: string }) => ({
      ticketId: input.ticketId,
      status: 'open',
      priority: 'high',
    }),
    updateContact: async () => ({ updated: true }),
    closeConversation: async () => ({ closed: true }),
    httpRequest: async () => ({ ok: true, status: 200, body: '{}' }),
    searchKnowledgeBase: async () => null,
    escalate: async () => ({ escalated: true }),
    recordSatisfaction: async () => ({ recorded: true }),
    offerToTeam: async () => {
      const offerId = `o${++n}`;
      const workflowId = Context.current().info.workflowExecution?.workflowId as string;
      const run = client.workflow.getHandle(workflowId);
      await run.signal(FLOW_SIGNALS.agentAccepted, { offerId, agentId: 'agent-1' });
      // The agent helps and resolves the chat; a wait-for-resolution step after routing goes on.
      await run.signal(FLOW_SIGNALS.conversationResolved, { agentId: 'agent-1', at: 0 });
      return { offerId };
    },
    recordRunHistory: async () => {},
    endRun: async () => {},
  } as unknown as Activities;
}

/** What each template's customer says, in order, and the facts its run starts with. */
export const templateScripts: Record<
  string,
  {
    messages: string[];
    facts: Record<string, unknown>;
    /** What the customer answers when a survey asks for a rating. */
    rating?: string;
    /**
     * Run at this hour of a weekday in Shanghai (the templates' time zone), not whenever the
     * recording happens: which side of a business-hours step the history takes must not depend on
     * the time of day someone records it.
     */
    shanghaiHour?: number;
    /**
     * The customer writes only after this long (skipped time): the run's quiet period passes first,
     * so the history has the run writing its steps before the wait, not only a reply within it.
     */
    answersAfterMs?: number;
  }
> = {
  'vip-routing': {
    // Said before the agent took over: kept away from the survey that comes after the chat.
    messages: ['lin@example.com'],
    rating: '5',
    shanghaiHour: 10,
    facts: { contact: { id: 'c1', name: 'Lin', tags: ['vip'] }, channel: 'web' },
  },
  'out-of-hours-auto-reply': {
    messages: [],
    // Closed: the acknowledgement, the ticket and the second message (the knowledge-base side is in hours).
    shanghaiHour: 23,
    facts: { contact: { id: 'c1', name: 'Lin' }, channel: 'web', message: { text: 'Where is my parcel?' } },
  },
  'escalate-after-10-minutes': {
    messages: [],
    facts: { contact: { id: 'c1', name: 'Lin' }, channel: 'web' },
  },
  'csat-after-resolution': {
    messages: ['2', 'The parcel came late'],
    answersAfterMs: 60_000,
    facts: {
      contact: { id: 'c1', name: 'Lin' },
      channel: 'web',
      ticket: { id: 't0', subject: 'Late parcel' },
    },
  },
};
