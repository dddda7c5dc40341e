import type { AnyNodeDefinition } from './define-node';
import { conversationStarted } from './conversation-started';
import { messageReceived } from './message-received';
import { ticketCreated } from './ticket-created';
import { ticketUpdated } from './ticket-updated';
import { conversationResolved } from './conversation-resolved';
import { sendMessage } from './send-message';
import { askQuestion } from './ask-question';
import { waitForReply } from './wait-for-reply';
import { answerFromKnowledgeBase } from './answer-from-knowledge-base';
import { condition } from './condition';
import { switchNode } from './switch';
import { businessHours } from './business-hours';
import { setVariable } from './set-variable';
import { wait } from './wait';
import { randomSplit } from './random-split';
import { routeToTeam } from './route-to-team';
import { waitForResolution } from './wait-for-resolution';
import { escalate } from './escalate';
import { createTicket } from './create-ticket';
import { updateTicket } from './update-ticket';
import { slaTimer } from './sla-timer';
import { satisfactionSurvey } from './satisfaction-survey';
import { httpRequest } from './http-request';
import { updateContact } from './update-contact';
import { closeConversation } from './close-conversation';
import { end } from './end';

/**
 * The one ordered list of node types (palette order). The palette, the editor's node types, the
 * compiler and the interpreter all read it; `registry.test.ts` fails when a node folder is missing from it.
 */
export const nodeRegistry: readonly AnyNodeDefinition[] = [
  conversationStarted,
  messageReceived,
  ticketCreated,
  ticketUpdated,
  conversationResolved,
  sendMessage,
  askQuestion,
  waitForReply,
  answerFromKnowledgeBase,
  condition,
  switchNode,
  businessHours,
  setVariable,
  wait,
  randomSplit,
  routeToTeam,
  waitForResolution,
  escalate,
  createTicket,
  updateTicket,
  slaTimer,
  satisfactionSurvey,
  httpRequest,
  updateContact,
  closeConversation,
  end,
];

const byKind = new Map(nodeRegistry.map((n) => [n.kind, n]));

export function findNode(kind: string): AnyNodeDefinition | undefined {
  return byKind.get(kind);
}
