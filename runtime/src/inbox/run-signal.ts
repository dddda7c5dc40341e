import type { FastifyInstance } from 'fastify';
import { WorkflowNotFoundError } from '@temporalio/client';
import { conversationWorkflowId } from '@kefu/schemas';

/**
 * Tells the conversation's flow run what an agent did. Sent after the change is stored, so a run
 * that looks at the database finds it. A conversation whose run has ended (or never had one) has
 * nobody to tell, and that is fine: the change stands on its own.
 */
export async function signalRun(
  app: FastifyInstance,
  conversationId: string,
  signal: string,
  payload: object,
): Promise<void> {
  try {
    await app.temporal.workflow.getHandle(conversationWorkflowId(conversationId)).signal(signal, payload);
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  }
}
