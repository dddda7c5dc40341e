import fp from 'fastify-plugin';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import {
  CONVERSATION_WORKFLOW,
  FLOW_SIGNALS,
  conversationWorkflowId,
  type ConversationFlowInput,
  type CustomerMessageSignal,
  type Message,
} from '@kefu/schemas';
import { insertOnce, recordKbGap, toWireMessage } from '../../models';
import { Types } from 'mongoose';
import { KefuError } from '../../errors';
import type { VisitorClaims } from '../../auth/visitor-token';

/** What a connected widget needs to know about its conversation. */
export interface WidgetSession {
  workspaceId: string;
  contactId: string;
  conversationId: string;
  /** Absent when the workspace had no published flow when the conversation opened. */
  run?: { flowId: string; version: number; workflowId: string };
}

export interface Conversations {
  /**
   * Resumes the visitor's open conversation or opens a new one (and starts its flow run). With the
   * claims of a verified visitor token, they must name this workspace and the visitor's contact.
   */
  openForVisitor(
    workspaceKey: string,
    visitorId: string,
    claims?: VisitorClaims,
  ): Promise<{ session: WidgetSession; history: Message[] }>;
  /**
   * Stores a customer's message, then hands it to the conversation's run. Resolves only after both,
   * so an acknowledged message is durable and the run has it; a resend with the same clientMessageId
   * is stored once and signalled with the same id, which the run ignores.
   */
  receiveFromCustomer(session: WidgetSession, clientMessageId: string, text: string): Promise<Message>;
  /**
   * The customer's verdict on a knowledge-base answer of their conversation. An unhelpful one goes
   * to the owners' learning loop, once per message however often it is sent.
   */
  feedbackFromCustomer(session: WidgetSession, messageId: string, helpful: boolean): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    conversations: Conversations;
  }
}

const HISTORY_LIMIT = 200;
const TRIGGER = 'conversation-started';

export default fp(
  async (app) => {
    const { Workspace, Contact, Conversation, Message } = app.models;

    async function startRun(session: WidgetSession, signal?: CustomerMessageSignal): Promise<void> {
      if (!session.run) return;
      const { flow } = await app.flowVersions.get(
        session.workspaceId,
        session.run.flowId,
        session.run.version,
      );
      const input: ConversationFlowInput = {
        workspaceId: session.workspaceId,
        conversationId: session.conversationId,
        flowId: session.run.flowId,
        version: session.run.version,
        flow,
        facts: {
          contact: { id: session.contactId },
          conversation: { id: session.conversationId, channel: 'web' },
        },
      };
      const options = {
        taskQueue: app.taskQueue,
        workflowId: session.run.workflowId,
        args: [input] as [ConversationFlowInput],
        // A finished run must never be started again by a late message: that would replay the flow.
        workflowIdReusePolicy: 'REJECT_DUPLICATE' as const,
      };
      try {
        if (signal) {
          await app.temporal.workflow.signalWithStart(CONVERSATION_WORKFLOW, {
            ...options,
            signal: FLOW_SIGNALS.customerMessage,
            signalArgs: [signal],
          });
        } else {
          await app.temporal.workflow.start(CONVERSATION_WORKFLOW, options);
        }
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) return; // running or finished: nothing to do
        throw err;
      }
    }

    const conversations: Conversations = {
      async openForVisitor(workspaceKey, visitorId, claims) {
        const workspace = await Workspace.findOne({ publicKey: workspaceKey }, { _id: 1 }).lean();
        if (!workspace)
          throw new KefuError('KEFU_ERR_WORKSPACE_NOT_FOUND', 'No such workspace', '/workspace');
        const workspaceId = String(workspace._id);
        if (claims) {
          const bound =
            claims.workspaceId === workspaceId &&
            (await Contact.exists({ workspaceId, _id: claims.contactId, visitorId }));
          if (!bound) throw visitorTokenRefused();
        }
        const contact = await upsert(() =>
          Contact.findOneAndUpdate(
            { workspaceId, visitorId },
            { $setOnInsert: { workspaceId, visitorId } },
            { upsert: true, returnDocument: 'after' },
          ).lean(),
        );
        const contactId = String(contact!._id);
        const open = await Conversation.findOne({ workspaceId, contactId, status: 'open' }).lean();
        if (open) {
          const session: WidgetSession = {
            workspaceId,
            contactId,
            conversationId: String(open._id),
            ...(open.flowRun?.workflowId && open.flowRun.flowId && open.flowRun.version
              ? {
                  run: {
                    flowId: String(open.flowRun.flowId),
                    version: open.flowRun.version,
                    workflowId: open.flowRun.workflowId,
                  },
                }
              : {}),
          };
          const history = await Message.find({ workspaceId, conversationId: open._id })
            .sort({ createdAt: 1 })
            .limit(HISTORY_LIMIT);
          return { session, history: history.map(toWireMessage) };
        }

        const active = await app.flowVersions.activeFor(workspaceId, TRIGGER);
        const created = await Conversation.create({ workspaceId, contactId, channel: 'web' });
        const conversationId = String(created._id);
        const session: WidgetSession = { workspaceId, contactId, conversationId };
        if (active) {
          session.run = {
            flowId: active.flowId,
            version: active.version,
            workflowId: conversationWorkflowId(conversationId),
          };
          await Conversation.updateOne(
            { _id: created._id, workspaceId },
            { $set: { flowRun: { ...session.run, status: 'running' } } },
          );
          // If Temporal is away now, the customer's first message starts the run (signal-with-start).
          await startRun(session).catch((err) =>
            app.log.warn({ err, conversationId }, 'flow run not started yet'),
          );
        }
        return { session, history: [] };
      },

      async receiveFromCustomer(session, clientMessageId, text) {
        const idempotencyKey = `customer/${session.conversationId}/${clientMessageId}`;
        const doc = await insertOnce(Message, {
          workspaceId: session.workspaceId,
          conversationId: session.conversationId,
          author: 'customer',
          text,
          clientMessageId,
          idempotencyKey,
        });
        const message = toWireMessage(doc);
        try {
          // Both after the message is stored; neither needs the other.
          await Promise.all([
            Conversation.updateOne(
              { _id: session.conversationId, workspaceId: session.workspaceId },
              { $max: { lastMessageAt: doc.createdAt } },
            ),
            startRun(session, { messageId: message.id, text: message.text }),
          ]);
        } catch (err) {
          app.log.error(
            { err, conversationId: session.conversationId },
            'could not hand message to flow run',
          );
          throw new KefuError(
            'KEFU_ERR_UNAVAILABLE',
            'Message saved; the assistant is unavailable, please resend',
          );
        }
        return message;
      },

      async feedbackFromCustomer(session, messageId, helpful) {
        const message = Types.ObjectId.isValid(messageId)
          ? await Message.findOne({
              _id: messageId,
              workspaceId: session.workspaceId,
              conversationId: session.conversationId,
            }).lean()
          : null;
        if (!message?.kb?.articleId)
          throw new KefuError(
            'KEFU_ERR_NOT_FOUND',
            'No knowledge-base answer with this id here',
            '/messageId',
          );
        if (helpful) return;
        await recordKbGap(app.models, {
          workspaceId: session.workspaceId,
          kind: 'unhelpful',
          text: message.kb.query ?? message.text,
          articleId: message.kb.articleId,
          idempotencyKey: `feedback/${messageId}`,
        });
      },
    };
    app.decorate('conversations', conversations);
  },
  { name: 'conversations', dependencies: ['db', 'temporal', 'flow-versions'] },
);

export const visitorTokenRefused = () =>
  new KefuError(
    'KEFU_ERR_UNAUTHORIZED',
    'This visitor token is not valid for this workspace and visitor',
    '/visitorToken',
  );

/** An upsert that lost a race to another insert of the same key reads the winner instead. */
async function upsert<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if ((err as { code?: number }).code === 11000) return await write();
    throw err;
  }
}
