import fp from 'fastify-plugin';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import {
  CONVERSATION_WORKFLOW,
  FLOW_QUERIES,
  FLOW_SIGNALS,
  conversationWorkflowId,
  messageWorkflowId,
  type ConversationFlowInput,
  type CustomerMessageSignal,
  type FlowRunState,
  type Message,
} from '@kefu/schemas';
import type { TriggerFacts } from '@kefu/nodes';
import { toInboxMessage } from '../../inbox/inbox-view';
import { CLEAR } from '../../privacy/pii-view';
import { idForKey, insertOnce, insertUnique, isDuplicateKey, recordKbGap, toWireMessage } from '../../models';
import { Types } from 'mongoose';
import { KefuError } from '../../errors';
import { resolveMerged } from '../../contacts/merge';
import type { VisitorClaims } from '../../auth/visitor-token';
import { newVisitorId } from '../../auth/visitor-id';
import { workspaceHours } from '../../models/workspace-hours';
import { recordLastMessage } from '../../inbox/last-message';
import { faultPoint } from '../../faults';

/** A customer message stored but not yet handed to its runs (`handoff: 'due'`). */
export interface DueMessage {
  _id: unknown;
  workspaceId: unknown;
  conversationId: unknown;
  text: string;
  createdAt: Date;
}

/** A verified visitor token: the contact it names, and whether it is a v1 token (auth/visitor-token.ts). */
export interface VisitorProof {
  claims: VisitorClaims;
  legacy: boolean;
}

/** A visitor's conversation as a hello resumes it: the session and what was said so far. */
type Resumed = { session: WidgetSession; history: Message[] };

/** What a connected widget needs to know about its conversation. */
export interface WidgetSession {
  workspaceId: string;
  contactId: string;
  conversationId: string;
  /** The conversation's channel; absent means the web widget. */
  channel?: Channel;
  /** Absent when the workspace had no published flow when the conversation opened. */
  run?: { flowId: string; version: number; workflowId: string };
}

export interface Conversations {
  /**
   * Resumes the visitor's open conversation, or opens a new one (and starts its flow run). Only a
   * valid token of this visitor resumes anything: an unknown visitorId becomes a new visitor under
   * that id; a known one without proof (storage cleared, token expired or altered, an id guessed)
   * becomes a new visitor under a new id, with nothing of the old one. `visitorId` is the id the
   * session belongs to, for the next token.
   */
  openForVisitor(
    workspaceKey: string,
    visitorId: string,
    proof?: VisitorProof,
  ): Promise<{ session: WidgetSession; history: Message[]; visitorId: string }>;
  /**
   * Stores a customer's message, then hands it to the conversation's run. Resolves only after both,
   * so an acknowledged message is durable and the run has it; a resend with the same clientMessageId
   * is stored once and signalled with the same id, which the run ignores. The owner's sensitive
   * words apply first (docs/sensitive-words.md): a blocked message is refused with the category
   * (KEFU_ERR_SENSITIVE, field `text`) unless `mayRefuse` is false (an email cannot be refused after
   * it came: it is kept, marked), masked words are stored masked.
   */
  receiveFromCustomer(
    session: WidgetSession,
    clientMessageId: string,
    text: string,
    options?: { mayRefuse?: boolean },
  ): Promise<Message>;
  /** Hands over a customer message stored by a process that died before it could (the sweeper's). */
  handOverDue(message: DueMessage): Promise<void>;
  /**
   * The customer's verdict on a knowledge-base answer of their conversation. An unhelpful one goes
   * to the owners' learning loop, once per message however often it is sent.
   */
  feedbackFromCustomer(session: WidgetSession, messageId: string, helpful: boolean): Promise<void>;
  /**
   * For channels that know their contact (email, API): with `resume`, the contact's open
   * conversation on that channel, else (and always without it) a new conversation whose
   * conversation-started flow starts as the widget's does. `id` gives the new conversation its id
   * (a channel that must prepare its side before the flow's first reply goes out chooses it first).
   */
  openForContact(opts: OpenForContact): Promise<WidgetSession>;
  /** The session of an existing conversation of the workspace (null when there is none). */
  sessionOf(workspaceId: string, conversationId: string): Promise<WidgetSession | null>;
}

export type Channel = 'web' | 'email' | 'api';

export interface OpenForContact {
  workspaceId: string;
  contactId: string;
  channel: Channel;
  resume: boolean;
  id?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    conversations: Conversations;
  }
}

const HISTORY_LIMIT = 200;
/** Widget conversations; email and API channels will pass theirs. */
const CHANNEL = 'web';
/** How long after its last change a closed conversation whose run still goes is resumed by its widget. */
const RESUME_CLOSED_MS = 24 * 60 * 60 * 1000;

/*
 * Which run handles what (the semantics a shop owner draws against):
 * - A new conversation starts the first live conversation-started flow (lineup order) whose entry
 *   and trigger filters accept it (channel, contact, hours); the run is the conversation's run
 *   (workflow id from the conversation id).
 * - A customer message goes to the conversation's run while that run is going: the run owns the
 *   conversation and takes the message at its next wait for a reply, so two flows never answer
 *   the same message.
 * - When the conversation has no run going (none started, its filters declined, or it ended), the
 *   first live message-received flow whose filters accept the message runs for it (channel,
 *   keywords, contact, hours): one run per message, workflow id from the message id, so a re-sent
 *   message starts nothing new. That run becomes the conversation's run: while it waits for a
 *   reply (its question), the next message is that reply; otherwise the next message gets a run
 *   of its own, so a quick second message is never swallowed by a run about to end.
 */
export default fp(
  async (app) => {
    const { Workspace, Contact, Conversation, Message } = app.models;
    type Run = NonNullable<WidgetSession['run']>;

    /**
     * A widget that reconnects after the agent resolved must reach the run still asking for a
     * rating: the visitor's latest conversation, closed but with its run going, is resumed. Only
     * conversations changed in the last day are looked at (FerretDB scans: keep the read small).
     */
    async function closedWithRunGoing(workspaceId: string, contactId: string) {
      const since = new Date(Date.now() - RESUME_CLOSED_MS);
      const latest = await Conversation.findOne({
        workspaceId,
        contactId,
        channel: CHANNEL,
        status: 'closed',
        updatedAt: { $gte: since },
      })
        .sort({ updatedAt: -1 })
        .lean();
      return latest?.flowRun?.status === 'running' ? latest : null;
    }

    async function flowInput(session: WidgetSession, run: Run, facts: Record<string, unknown>) {
      const [{ flow }, workspace] = await Promise.all([
        app.flowVersions.get(session.workspaceId, run.flowId, run.version),
        Workspace.findById(session.workspaceId, { timeZone: 1, businessHours: 1 }).lean(),
      ]);
      const input: ConversationFlowInput = {
        workspaceId: session.workspaceId,
        conversationId: session.conversationId,
        flowId: run.flowId,
        version: run.version,
        flow,
        facts: {
          // Rules read the channel as a fact of its own (`channel is web`); a run's input is in its
          // history, so runs started before this keep the empty channel they were decided on.
          channel: session.channel ?? CHANNEL,
          conversation: { id: session.conversationId, channel: session.channel ?? CHANNEL },
          // A business-hours step with no schedule of its own reads the shop's hours from here.
          ...(workspace ? { workspace: workspaceHours(workspace) } : {}),
          ...facts,
        },
      };
      return input;
    }

    /** Starts a run; false when its workflow id was taken before (running or finished). */
    async function start(session: WidgetSession, run: Run, facts: Record<string, unknown>): Promise<boolean> {
      try {
        await app.temporal.workflow.start(CONVERSATION_WORKFLOW, {
          taskQueue: app.taskQueue,
          workflowId: run.workflowId,
          args: [await flowInput(session, run, facts)],
          // A finished run must never be started again by a late message: that would replay the flow.
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        });
        return true;
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
        throw err;
      }
    }

    /**
     * Hands a message to a run. A conversation run is signalled-with-start (if Temporal was away
     * when the conversation opened, the first message starts it). False when the run has finished.
     */
    async function signal(
      session: WidgetSession,
      run: Run,
      message: CustomerMessageSignal,
    ): Promise<boolean> {
      try {
        if (run.workflowId !== conversationWorkflowId(session.conversationId)) {
          // A message run takes a message only while it waits for a reply (its question's answer);
          // otherwise it would swallow the message and end. Not waiting: the message gets a run of its own.
          const handle = app.temporal.workflow.getHandle(run.workflowId);
          if ((await handle.describe()).status.name !== 'RUNNING') return false;
          const state = await handle.query<FlowRunState>(FLOW_QUERIES.state);
          if (state.waiting?.for !== 'reply') return false;
          await handle.signal(FLOW_SIGNALS.customerMessage, message);
          return true;
        }
        const input = await flowInput(session, run, { contact: { id: session.contactId } });
        await app.temporal.workflow.signalWithStart(CONVERSATION_WORKFLOW, {
          taskQueue: app.taskQueue,
          workflowId: run.workflowId,
          args: [input] as [ConversationFlowInput],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          signal: FLOW_SIGNALS.customerMessage,
          signalArgs: [message],
        });
        return true;
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError || err instanceof WorkflowNotFoundError)
          return false;
        throw err;
      }
    }

    /** The message to the conversation's run, or to a message-received run of its own. */
    async function handToRun(session: WidgetSession, message: CustomerMessageSignal): Promise<void> {
      if (session.run && (await signal(session, session.run, message))) return;
      const { workspaceId, conversationId } = session;
      // Another tab of this conversation may have started a newer run.
      const conversation = await Conversation.findOne(
        { _id: conversationId, workspaceId },
        { flowRun: 1 },
      ).lean();
      const current = runOf(conversation?.flowRun);
      if (current && current.workflowId !== session.run?.workflowId) {
        session.run = current;
        if (await signal(session, current, message)) return;
      }
      const contact = await contactFacts(workspaceId, session.contactId);
      const facts = {
        message: {
          messageId: message.messageId,
          text: message.text,
          ...(message.sensitive ? { sensitive: message.sensitive } : {}),
        },
        contact,
      };
      const active = await app.flowVersions.pick(workspaceId, 'message-received', {
        channel: session.channel ?? CHANNEL,
        ...facts,
      });
      if (!active) return;
      const run: Run = {
        flowId: active.flowId,
        version: active.version,
        workflowId: messageWorkflowId(message.messageId),
      };
      // Recorded first, as a conversation run is: the run's reply to a question must find it.
      await Conversation.updateOne(
        { _id: conversationId, workspaceId, 'flowRun.workflowId': { $ne: run.workflowId } },
        { $set: { flowRun: { ...run, status: 'running' } } },
      );
      session.run = run;
      await start(session, run, facts); // false: a re-sent message whose run exists already
    }

    async function contactFacts(workspaceId: string, contactId: string) {
      const contact = await Contact.findOne(
        { _id: contactId, workspaceId },
        { name: 1, attributes: 1, tags: 1 },
      ).lean();
      return toContactFacts(contactId, contact);
    }

    /** A new conversation; its conversation-started flow starts when that flow's filters accept it. */
    async function openNew(
      workspaceId: string,
      contactId: string,
      contactFact: ReturnType<typeof toContactFacts>,
      channel: Channel,
      id?: string,
    ): Promise<WidgetSession> {
      const active = await app.flowVersions.pick(workspaceId, 'conversation-started', {
        channel,
        contact: contactFact,
      });
      // The id is chosen here so the conversation is stored with its run in one write.
      const conversationId = id ?? String(new Types.ObjectId());
      const session: WidgetSession = {
        workspaceId,
        contactId,
        conversationId,
        ...(channel === CHANNEL ? {} : { channel }),
      };
      if (active)
        session.run = {
          flowId: active.flowId,
          version: active.version,
          workflowId: conversationWorkflowId(conversationId),
        };
      await Conversation.create({
        _id: conversationId,
        workspaceId,
        contactId,
        channel,
        ...(session.run ? { flowRun: { ...session.run, status: 'running' } } : {}),
      });
      if (session.run) {
        // If Temporal is away now, the customer's first message starts the run (signal-with-start).
        await start(session, session.run, { contact: contactFact }).catch((err) =>
          app.log.warn({ err, conversationId }, 'flow run not started yet'),
        );
      }
      return session;
    }

    /** A returning visitor's next conversation, its id from the contact's count (see resumeVisitor). */
    async function openCounted(
      workspaceId: string,
      visitorId: string,
      proof: VisitorProof,
      contact: Parameters<typeof toContactFacts>[1] & { _id: unknown },
      had: number,
    ): Promise<Resumed | null> {
      const contactId = String(contact._id);
      const id = String(idForKey(`conversation/${workspaceId}/${contactId}/${CHANNEL}/${had}`));
      const facts = toContactFacts(contactId, contact);
      try {
        return { session: await openNew(workspaceId, contactId, facts, CHANNEL, id), history: [] };
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        const taken = await Conversation.findOne({ _id: id, workspaceId }, { status: 1 }).lean();
        if (taken?.status === 'open') return resumeVisitor(workspaceId, visitorId, proof);
        // An id of a conversation since closed (the count went down: one was merged away).
        return { session: await openNew(workspaceId, contactId, facts, CHANNEL), history: [] };
      }
    }

    /** The proven visitor's conversation (or a new one of their contact); null when the proof does not hold here. */
    async function resumeVisitor(
      workspaceId: string,
      visitorId: string,
      proof: VisitorProof,
    ): Promise<Resumed | null> {
      const own = await Contact.findOne({ workspaceId, visitorId }).lean();
      const { contactId: named } = proof.claims;
      // The token names the visitor's contact, or the one it was merged into (contacts/merge.ts).
      if (!own || (String(own._id) !== named && String(own.mergedInto ?? '') !== named)) return null;
      // A merged visitor chats as the contact they were merged into, with its history.
      const contact = own.mergedInto
        ? ((await Contact.findOne({
            workspaceId,
            _id: await resolveMerged(app.models, workspaceId, own),
          }).lean()) ?? own)
        : own;
      const contactId = String(contact._id);
      const openOne = () =>
        Conversation.findOne({ workspaceId, contactId, status: 'open', channel: CHANNEL }).lean();
      let open = (await openOne()) ?? (await closedWithRunGoing(workspaceId, contactId));
      if (proof.legacy) {
        const lastActive = open ? (open.lastMessageAt ?? open.createdAt) : undefined;
        if (!lastActive || lastActive.getTime() < Date.now() - app.visitorTokens.lifetimeMs) return null;
      }
      if (!open) {
        // Two tabs of one visitor saying hello at once would each open a conversation: the new
        // one's id comes from how many web conversations the contact has had, so both pick the
        // same id and the store keeps one (the other tab then resumes it). Counted, then looked
        // for again: a tab that opened one before the count is found, one after it picks this id.
        const had = await Conversation.countDocuments({ workspaceId, contactId, channel: CHANNEL });
        open = await openOne();
        if (!open) return openCounted(workspaceId, visitorId, proof, contact, had);
      }
      const run = runOf(open.flowRun);
      const session: WidgetSession = {
        workspaceId,
        contactId,
        conversationId: String(open._id),
        ...(run ? { run } : {}),
      };
      const history = await Message.find({ workspaceId, conversationId: open._id })
        .sort({ createdAt: 1 })
        .limit(HISTORY_LIMIT);
      return { session, history: history.map(toWireMessage) };
    }

    /**
     * A visitor with nothing to resume: a new contact under the id they sent, or under a new id when
     * that one is taken (its owner would need its token), so a guessed id reaches nobody's chat.
     */
    async function newVisitor(workspaceId: string, asked: string) {
      let contact = await insertUnique(Contact, { workspaceId, visitorId: asked });
      while (!contact) contact = await insertUnique(Contact, { workspaceId, visitorId: newVisitorId() });
      const contactId = String(contact._id);
      const session = await openNew(workspaceId, contactId, toContactFacts(contactId, null), CHANNEL);
      return { session, history: [] as Message[], visitorId: contact.visitorId };
    }

    /**
     * A stored customer message to everything that waits for it: its conversation's run (or a
     * message-received run), the ticket runs reading the conversation, the inbox's order. Then the
     * message is no longer due. Safe to repeat: runs take each message id once.
     */
    async function handOver(
      session: WidgetSession,
      doc: { _id: unknown; text: string; createdAt: Date; sensitive?: string[] | null },
    ): Promise<void> {
      const signal = {
        messageId: String(doc._id),
        text: doc.text,
        ...(doc.sensitive?.length ? { sensitive: [...doc.sensitive] } : {}),
      };
      // All after the message is stored; none needs the others.
      await Promise.all([
        // Bookkeeping for the inbox's order: a busy database must not refuse a stored message.
        recordLastMessage(app.models, session.workspaceId, session.conversationId, {
          author: 'customer',
          text: doc.text,
          createdAt: doc.createdAt,
        }).catch((err: unknown) =>
          app.log.warn({ err, conversationId: session.conversationId }, 'lastMessageAt not updated'),
        ),
        // Ticket runs reading this conversation (a survey after its ticket was solved) get it too.
        app.tickets.customerMessage(session.workspaceId, session.conversationId, signal),
        handToRun(session, signal),
      ]);
      await Message.updateOne(
        { _id: doc._id, workspaceId: session.workspaceId, handoff: 'due' },
        { $unset: { handoff: 1 } },
      );
    }

    const conversations: Conversations = {
      async openForVisitor(workspaceKey, visitorId, proof) {
        const workspace = await Workspace.findOne({ publicKey: workspaceKey }, { _id: 1 }).lean();
        if (!workspace)
          throw new KefuError('KEFU_ERR_WORKSPACE_NOT_FOUND', 'No such workspace', '/workspace');
        const workspaceId = String(workspace._id);
        const resumed =
          proof?.claims.workspaceId === workspaceId
            ? await resumeVisitor(workspaceId, visitorId, proof)
            : null;
        if (resumed) return { ...resumed, visitorId };
        return await newVisitor(workspaceId, visitorId);
      },

      async receiveFromCustomer(session, clientMessageId, text, options) {
        const idempotencyKey = `customer/${session.conversationId}/${clientMessageId}`;
        const screened = await app.sensitiveWords.screen(session.workspaceId, text);
        if (screened.blocked && options?.mayRefuse !== false)
          throw new KefuError(
            'KEFU_ERR_SENSITIVE',
            `Not sent: the message contains words this shop does not accept (${screened.blocked})`,
            'text',
          );
        const doc = await insertOnce(Message, {
          workspaceId: session.workspaceId,
          conversationId: session.conversationId,
          author: 'customer',
          text: screened.text,
          ...(screened.categories.length ? { sensitive: screened.categories } : {}),
          clientMessageId,
          idempotencyKey,
          handoff: 'due',
        });
        faultPoint('customer-message-stored');
        const message = toWireMessage(doc);
        // The agents who may see the conversation, at once (a resend tells them again; they keep one
        // per id), in the inbox's shape: with the sensitive-word flags the stored message has.
        void app.agentHub.publish(session.workspaceId, {
          type: 'message.created',
          message: toInboxMessage(doc, CLEAR),
        });
        try {
          await handOver(session, doc);
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

      async handOverDue(message) {
        const workspaceId = String(message.workspaceId);
        const session = await sessionOf(workspaceId, String(message.conversationId));
        if (!session) {
          // Its conversation is gone (deleted with its workspace): nothing waits for it.
          await Message.updateOne(
            { _id: message._id, workspaceId, handoff: 'due' },
            { $unset: { handoff: 1 } },
          );
          return;
        }
        await handOver(session, message);
      },

      openForContact: (opts) => openForContact(opts),
      sessionOf: (workspaceId, conversationId) => sessionOf(workspaceId, conversationId),

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

    async function openForContact(opts: OpenForContact) {
      const { workspaceId, contactId, channel } = opts;
      if (opts.resume) {
        const open = await Conversation.findOne(
          { workspaceId, contactId, status: 'open', channel },
          { _id: 1 },
        ).lean();
        const session = open ? await sessionOf(workspaceId, String(open._id)) : null;
        if (session) return session;
      }
      const contact = await Contact.findOne(
        { _id: contactId, workspaceId },
        { name: 1, attributes: 1, tags: 1 },
      ).lean();
      return openNew(workspaceId, contactId, toContactFacts(contactId, contact), channel, opts.id);
    }

    async function sessionOf(workspaceId: string, conversationId: string): Promise<WidgetSession | null> {
      const doc = await Conversation.findOne(
        { _id: conversationId, workspaceId },
        { contactId: 1, channel: 1, flowRun: 1 },
      ).lean();
      if (!doc) return null;
      const run = runOf(doc.flowRun);
      return {
        workspaceId,
        contactId: String(doc.contactId),
        conversationId,
        ...(doc.channel === CHANNEL ? {} : { channel: doc.channel }),
        ...(run ? { run } : {}),
      };
    }
  },
  { name: 'conversations', dependencies: ['db', 'temporal', 'flow-versions'] },
);

function runOf(
  flowRun: { flowId?: unknown; version?: number | null; workflowId?: string | null } | null | undefined,
) {
  return flowRun?.workflowId && flowRun.flowId && flowRun.version
    ? { flowId: String(flowRun.flowId), version: flowRun.version, workflowId: flowRun.workflowId }
    : undefined;
}

/** What flows see of the contact: trigger filters and rules read tags and attributes, replies the name. */
function toContactFacts(
  contactId: string,
  contact: { name?: string | null; attributes?: unknown; tags?: string[] | null } | null | undefined,
): {
  id: string;
  name?: string;
  attributes: Record<string, unknown>;
  tags: string[];
} & TriggerFacts['contact'] {
  return {
    id: contactId,
    ...(contact?.name ? { name: contact.name } : {}),
    attributes: (contact?.attributes as Record<string, unknown> | undefined) ?? {},
    tags: contact?.tags ?? [],
  };
}
