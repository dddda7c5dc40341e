import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { WorkflowNotFoundError } from '@temporalio/client';
import {
  CONVERSATION_WORKFLOW,
  FLOW_QUERIES,
  FLOW_SIGNALS,
  conversationWorkflowId,
  type ConversationFlowInput,
  type FlowDraft,
  type FlowRunState,
} from '@kefu/schemas';
import {
  emptySchema,
  errorResponses,
  idParamsSchema,
  simulationMessageBodySchema,
  simulationSchema,
  simulationStartBodySchema,
  simulationStartedSchema,
  type IdParams,
  type Simulation,
  type SimulationMessageBody,
  type SimulationStartBody,
} from '@kefu/schemas/api';
import { compileFlow } from '@kefu/nodes/compiler';
import { insertOnce, toWireMessage } from '../../models';
import { workspaceHours } from '../../models/workspace-hours';
import { KefuError } from '../../errors';
import { staff } from '../../plugins/app/access';
import { invalidFlow } from '../flows/publish';
import { toWireStep } from '../runs/wire';
import { CLEAR } from '../../privacy/pii-view';
import { simulationSettings, simulatedContact } from './settings';

/** Who answers a simulated route-to-team offer from the designer's panel. */
export const SIMULATED_AGENT = 'simulated-agent';
const MESSAGES_SHOWN = 200;

/**
 * The designer's simulator: the saved draft of a flow runs on the real worker as a test run, in a
 * test conversation of a test contact (kept out of every list). Owners only, and only their own
 * workspace's simulations: the owner chats over these routes (session cookie), so no visitor
 * token exists that could reach a simulation.
 */
const simulationRoutes: FastifyPluginAsync = async (app) => {
  const { Flow, Contact, Conversation, Message, FlowRun, RunStep, Workspace } = app.models;
  const tags = ['simulations'];
  const owners = { roles: ['owner'] as const };

  /** A simulated customer's message through the shop's sensitive words, refused as the widget refuses it. */
  async function screenCustomer(workspaceId: string, text: string, field: string) {
    const screened = await app.sensitiveWords.screen(workspaceId, text);
    if (screened.blocked)
      throw new KefuError(
        'KEFU_ERR_SENSITIVE',
        `Not sent: the message contains words this shop does not accept (${screened.blocked})`,
        field,
      );
    return screened;
  }

  app.post<{ Params: IdParams; Body: SimulationStartBody | undefined }>(
    '/flows/:id/simulations',
    {
      config: owners,
      schema: {
        tags,
        summary:
          "Simulate the flow's saved draft with a clock, a test contact, agents and HTTP answers (422 names the first problem)",
        params: idParamsSchema,
        body: simulationStartBodySchema,
        response: { 201: simulationStartedSchema, ...errorResponses },
      },
      // Every setting is optional: no body at all is a run with none (as before settings existed).
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request, reply) => {
      const { workspaceId } = staff(request);
      const flow = await Flow.findOne({ _id: request.params.id, workspaceId }).lean();
      if (!flow) throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such flow', 'params/id');
      const compiled = compileFlow(flow.draft as FlowDraft);
      if (!compiled.ok) throw invalidFlow(compiled.problems);
      const body = request.body ?? {};
      // Checked before anything is stored: a bad setting leaves no test contact behind.
      const httpSteps = new Set(
        Object.entries(compiled.flow.nodes)
          .filter(([, node]) => node.type === 'http-request')
          .map(([nodeId]) => nodeId),
      );
      const simulation = simulationSettings(body, Date.now(), httpSteps);
      const flowId = String(flow._id);
      const channel = body.channel ?? 'web';
      const testContact = simulatedContact(body.contact);
      const contact = await Contact.create({
        workspaceId,
        visitorId: `simulator:${randomUUID()}`,
        ...testContact,
        test: true,
      });
      const contactId = String(contact._id);
      const conversation = await Conversation.create({ workspaceId, contactId, channel, test: true });
      const conversationId = String(conversation._id);
      const workflowId = conversationWorkflowId(conversationId);
      const run = { flowId, version: 0, workflowId };
      await Conversation.updateOne(
        { _id: conversationId, workspaceId },
        { $set: { flowRun: { ...run, status: 'running' } } },
      );
      // The shop's sensitive words apply as in a real chat, so a flow reading them can be tried.
      const firstScreened = body.message
        ? await screenCustomer(workspaceId, body.message, 'body/message')
        : null;
      const first = body.message
        ? toWireMessage(
            await insertOnce(Message, {
              workspaceId,
              conversationId,
              author: 'customer',
              text: firstScreened!.text,
              ...(firstScreened!.categories.length ? { sensitive: firstScreened!.categories } : {}),
              clientMessageId: 'simulation-start',
              idempotencyKey: `customer/${conversationId}/simulation-start`,
            }),
          )
        : null;
      const workspace = await Workspace.findById(workspaceId, { timeZone: 1, businessHours: 1 }).lean();
      const input: ConversationFlowInput = {
        workspaceId,
        conversationId,
        flowId,
        version: 0,
        flow: compiled.flow,
        facts: {
          // As a real conversation's run sees its contact (conversations.ts toContactFacts).
          contact: { id: contactId, ...testContact },
          channel,
          conversation: { id: conversationId, channel },
          // A message-received run starts with its message (as conversations.ts starts one).
          ...(first
            ? {
                message: {
                  messageId: first.id,
                  text: first.text,
                  ...(firstScreened!.categories.length ? { sensitive: firstScreened!.categories } : {}),
                },
              }
            : {}),
          // The same workspace hours a real conversation's run sees.
          ...(workspace ? { workspace: workspaceHours(workspace) } : {}),
        },
        test: true,
        simulation,
      };
      await app.temporal.workflow.start(CONVERSATION_WORKFLOW, {
        taskQueue: app.taskQueue,
        workflowId,
        args: [input],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
      return reply.status(201).send({ id: conversationId, flowId, contactId, workflowId });
    },
  );

  app.get<{ Params: IdParams }>(
    '/simulations/:id',
    {
      config: owners,
      schema: {
        tags,
        summary: 'Where a simulation is: chat, current node, variables, what it waits for, path so far',
        params: idParamsSchema,
        response: { 200: simulationSchema, ...errorResponses },
      },
    },
    async (request): Promise<Simulation> => {
      const { workspaceId } = staff(request);
      const conversation = await loadSimulation(request.params.id, workspaceId);
      const run = await FlowRun.findOne({ workspaceId, conversationId: conversation._id }).lean();
      const [messages, steps] = await Promise.all([
        Message.find({ workspaceId, conversationId: conversation._id })
          .sort({ createdAt: 1 })
          .limit(MESSAGES_SHOWN),
        run ? RunStep.find({ workspaceId, runId: run.runId }).sort({ step: 1 }).lean() : [],
      ]);
      const status = run?.status ?? 'running';
      // The live position and variables come from the run itself (a finished one answers queries
      // too, replayed by the worker); history is only written when it waits.
      const state = await queryState(conversation.flowRun!.workflowId!);
      const waiting = status === 'running' ? state?.waiting : null;
      return {
        id: String(conversation._id),
        flowId: String(conversation.flowRun!.flowId),
        status,
        nodeId: status === 'running' && state ? state.nodeId : (run?.currentNodeId ?? null),
        vars: state?.vars ?? {},
        waiting: waiting
          ? {
              for: waiting.for,
              ...(waiting.until !== undefined ? { until: new Date(waiting.until).toISOString() } : {}),
              ...(waiting.offerId ? { offerId: waiting.offerId } : {}),
            }
          : null,
        messages: messages.map(toWireMessage),
        // The designer's own test words: nothing of a customer's to mask.
        steps: steps.map((s) => toWireStep(s, CLEAR)),
        ...(run?.failure?.nodeId && run.failure.reason
          ? { failure: { nodeId: run.failure.nodeId, reason: run.failure.reason } }
          : {}),
      };
    },
  );

  app.post<{ Params: IdParams; Body: SimulationMessageBody }>(
    '/simulations/:id/messages',
    {
      config: owners,
      schema: {
        tags,
        summary: "Say something as the simulation's customer",
        params: idParamsSchema,
        body: simulationMessageBodySchema,
        response: { 201: simulationSchema.properties.messages.items, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { workspaceId } = staff(request);
      const conversation = await loadSimulation(request.params.id, workspaceId);
      const clientMessageId = request.body.clientMessageId ?? randomUUID();
      const screened = await screenCustomer(workspaceId, request.body.text, 'body/text');
      const doc = await insertOnce(Message, {
        workspaceId,
        conversationId: conversation._id,
        author: 'customer',
        text: screened.text,
        ...(screened.categories.length ? { sensitive: screened.categories } : {}),
        clientMessageId,
        idempotencyKey: `customer/${String(conversation._id)}/${clientMessageId}`,
      });
      const message = toWireMessage(doc);
      await signal(conversation.flowRun!.workflowId!, FLOW_SIGNALS.customerMessage, {
        messageId: message.id,
        text: message.text,
        ...(screened.categories.length ? { sensitive: screened.categories } : {}),
      });
      return reply.status(201).send(message);
    },
  );

  app.post<{ Params: IdParams }>(
    '/simulations/:id/skip',
    {
      config: owners,
      schema: {
        tags,
        summary: 'End the current wait or timeout now, as if its time had passed',
        params: idParamsSchema,
        response: { 200: emptySchema, ...errorResponses },
      },
    },
    async (request) => {
      const conversation = await loadSimulation(request.params.id, staff(request).workspaceId);
      await signal(conversation.flowRun!.workflowId!, FLOW_SIGNALS.skipWait);
      return {};
    },
  );

  app.post<{ Params: IdParams }>(
    '/simulations/:id/accept',
    {
      config: owners,
      schema: {
        tags,
        summary: 'Accept the route-to-team offer the simulation waits on, as a simulated agent',
        params: idParamsSchema,
        response: { 200: emptySchema, ...errorResponses },
      },
    },
    async (request) => {
      const conversation = await loadSimulation(request.params.id, staff(request).workspaceId);
      const workflowId = conversation.flowRun!.workflowId!;
      const offerId = (await queryState(workflowId))?.waiting?.offerId;
      if (!offerId)
        throw new KefuError('KEFU_ERR_CONFLICT', 'The simulation is not waiting for an agent', 'params/id');
      await signal(workflowId, FLOW_SIGNALS.agentAccepted, { offerId, agentId: SIMULATED_AGENT });
      return {};
    },
  );

  app.post<{ Params: IdParams }>(
    '/simulations/:id/resolve',
    {
      config: owners,
      schema: {
        tags,
        summary: 'Resolve the conversation as a simulated agent, while the simulation waits for resolution',
        params: idParamsSchema,
        response: { 200: emptySchema, ...errorResponses },
      },
    },
    async (request) => {
      const conversation = await loadSimulation(request.params.id, staff(request).workspaceId);
      const workflowId = conversation.flowRun!.workflowId!;
      const waiting = (await queryState(workflowId))?.waiting;
      // Waiting for an agent with no offer is a wait-for-resolution step (an offer is accepted instead).
      if (waiting?.for !== 'agent' || waiting.offerId)
        throw new KefuError(
          'KEFU_ERR_CONFLICT',
          'The simulation is not waiting for a resolution',
          'params/id',
        );
      await signal(workflowId, FLOW_SIGNALS.conversationResolved, {
        agentId: SIMULATED_AGENT,
        at: Date.now(),
      });
      return {};
    },
  );

  app.post<{ Params: IdParams }>(
    '/simulations/:id/stop',
    {
      config: owners,
      schema: {
        tags,
        summary: 'End a simulation (its run is terminated; the test conversation stays hidden)',
        params: idParamsSchema,
        response: { 200: emptySchema, ...errorResponses },
      },
    },
    async (request) => {
      const conversation = await loadSimulation(request.params.id, staff(request).workspaceId);
      try {
        await app.temporal.workflow
          .getHandle(conversation.flowRun!.workflowId!)
          .terminate('simulation stopped');
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err; // already over
      }
      return {};
    },
  );

  async function loadSimulation(id: string, workspaceId: string) {
    const conversation = await Conversation.findOne({ _id: id, workspaceId, test: true }).lean();
    if (!conversation?.flowRun?.workflowId)
      throw new KefuError('KEFU_ERR_NOT_FOUND', 'No such simulation', 'params/id');
    return conversation;
  }

  async function queryState(workflowId: string): Promise<FlowRunState | null> {
    try {
      return await app.temporal.workflow.getHandle(workflowId).query<FlowRunState>(FLOW_QUERIES.state);
    } catch (err) {
      // Ended between the history read and the query: the caller falls back to the history.
      app.log.debug({ err, workflowId }, 'simulation state not queryable');
      return null;
    }
  }

  async function signal(workflowId: string, name: string, arg?: unknown): Promise<void> {
    try {
      const handle = app.temporal.workflow.getHandle(workflowId);
      await (arg === undefined ? handle.signal(name) : handle.signal(name, arg));
    } catch (err) {
      if (err instanceof WorkflowNotFoundError)
        throw new KefuError('KEFU_ERR_CONFLICT', 'The simulation has ended; start a new one', 'params/id');
      throw err;
    }
  }
};

export default simulationRoutes;
