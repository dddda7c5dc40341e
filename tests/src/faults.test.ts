import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, inject } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import {
  FLOW_SIGNALS,
  conversationWorkflowId,
  ticketWorkflowId,
  type FlowDraft,
  type Message,
} from '@kefu/schemas';
import type { OfferWire, Page, TeamWire, TicketWire } from '@kefu/schemas/api';
import { startTemporal, type RunningServer } from '../../scripts/lib/servers';
import { startProductOn, type RunningProduct, type Spawned } from './support/product-core';
import { spawnApi, spawnWorker, stopChild } from './support/product';
import { WidgetSocket, isBotText } from './support/widget-socket';
import { callApi, signUpShop, type Shop } from './support/shop';
import { signUpStaffShop } from './support/staff';
import { publishFlow } from './support/publish-flow';
import { slaFlow } from './support/sla-flow';
import { AesGcmPayloadCodec, parseCodecKeys } from '@kefu/runtime/temporal-codec';

// Real processes killed for real: the API with SIGKILL right after it acknowledged a message, and at
// each fault point between storing a change and telling its run (customer and agent messages,
// resolve, accept, transfer, ticket open and change); the Temporal server (on its SQLite file)
// stopped and started again mid-conversation.
// The customers ask what the demo knowledge base does not know, so each message gets the demo flow's
// one acknowledgement quoting it: a reply these tests can tell apart and count.
describe('faults', () => {
  let dir: string;
  let temporal: RunningServer;
  let product: RunningProduct;
  let connection: Connection;
  let client: Client;
  const children: Spawned[] = [];
  const track = (child: Spawned) => (children.push(child), child);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kefu-faults-'));
    temporal = await startTemporal({ dbFile: join(dir, 'temporal.db'), logFile: join(dir, 'temporal.log') });
    product = await startProductOn(
      {
        temporalAddress: temporal.address,
        mongoBaseUri: inject('mongoBaseUri'),
        postgresUrl: inject('postgresUrl'),
        workflowBundlePath: inject('workflowBundlePath'),
      },
      { api: 'none', worker: 'none' },
    );
    connection = await Connection.connect({ address: temporal.address });
    client = new Client({ connection });
  });
  afterEach(async () => {
    await Promise.all(children.splice(0).map((c) => stopChild(c)));
  });
  afterAll(async () => {
    await connection?.close();
    await product?.stop();
    await temporal?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function waitFor(done: () => Promise<boolean>, ms = 60_000): Promise<void> {
    for (const until = Date.now() + ms; Date.now() < until;) {
      if (await done()) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('the condition never held');
  }

  const stored = async (conversationId: string, author: Message['author']) =>
    (
      await product.models.Message.find({ workspaceId: product.workspaceId, conversationId, author })
        .sort({ createdAt: 1 })
        .lean()
    ).map((m) => m.text);

  it('loses nothing and repeats nothing when the API is killed right after acknowledging a message', async () => {
    const worker = track(spawnWorker(product.env));
    const api = track(spawnApi(product.env));
    await Promise.all([worker.ready, api.ready]);

    const first = await WidgetSocket.open(product.wsUrl);
    const session = await first.hello('visitor-api-killed');
    await first.next(isBotText(/Welcome/));
    first.send({ type: 'message', clientMessageId: 'api-killed-1', text: 'please call me back tomorrow?' });
    await first.next((f) => f.type === 'ack');
    api.kill('SIGKILL');

    // The customer's widget reconnects to the restarted API and resumes the conversation.
    const restarted = track(spawnApi(product.env));
    await restarted.ready;
    const again = await WidgetSocket.open(product.wsUrl);
    const resumed = await again.hello('visitor-api-killed');
    expect(resumed.conversationId).toBe(session.conversationId);
    const reply = /we got your message: "please call me back tomorrow\?"/;
    if (!resumed.messages.some((m) => reply.test(m.text))) await again.next(isBotText(reply));
    const seen = [...resumed.messages, ...again.pushed()].filter((m) => reply.test(m.text));
    expect(new Set(seen.map((m) => m.id)).size).toBe(1);

    expect(await stored(session.conversationId, 'customer')).toEqual(['please call me back tomorrow?']);
    expect(await stored(session.conversationId, 'bot')).toEqual([
      'Hi! Welcome to Demo Shop. How can we help you today?',
      'Thanks, we got your message: "please call me back tomorrow?". A teammate will answer shortly.',
    ]);
    await Promise.all([first.close(), again.close()]);
  });

  /** An API that kills itself right after storing a customer message, before handing it to its run. */
  async function crashBetweenStoreAndSignal(visitorId: string, clientMessageId: string, text: string) {
    const dying = track(spawnApi(product.env, { KEFU_FAULT_POINT: 'customer-message-stored' }));
    await dying.ready;
    await dying.printed('start-up hand-off sweep done');
    const first = await WidgetSocket.open(product.wsUrl);
    const session = await first.hello(visitorId);
    await first.next(isBotText(/Welcome/));
    const exited = new Promise((resolve) => dying.once('exit', resolve));
    const from = first.frames.length;
    first.send({ type: 'message', clientMessageId, text });
    // The socket closes when the API dies; a refused frame (an error or ack) would mean it did not.
    const outcome = await first
      .next((f) => f.type === 'error' || f.type === 'ack', from)
      .then(
        (f) => f.type,
        () => exited.then(() => 'exited'),
      );
    expect(outcome).toBe('exited');
    expect(first.frames.some((f) => f.type === 'ack')).toBe(false);
    expect(await stored(session.conversationId, 'customer')).toEqual([text]);
    // Its server is gone: no closing handshake to wait for.
    first.ws.terminate();
    return session;
  }

  /** The bot's replies to `text` the customer has seen in the resumed history and since. */
  async function repliesTo(socket: WidgetSocket, resumed: Message[], text: string) {
    const reply = new RegExp(`we got your message: "${text}"`);
    if (!resumed.some((m) => reply.test(m.text))) await socket.next(isBotText(reply));
    return [...resumed, ...socket.pushed()].filter((m) => reply.test(m.text));
  }

  it('hands over a message stored just before the API died, when the widget re-sends it: one reply', async () => {
    const worker = track(spawnWorker(product.env));
    await worker.ready;
    const session = await crashBetweenStoreAndSignal(
      'visitor-crash-resend',
      'crash-resend-1',
      'my discount code 7 fails',
    );

    const restarted = track(spawnApi(product.env));
    await restarted.ready;
    const again = await WidgetSocket.open(product.wsUrl);
    const resumed = await again.hello('visitor-crash-resend');
    expect(resumed.conversationId).toBe(session.conversationId);
    // Re-sent as a widget does with a message it never saw acknowledged, racing the sweeper.
    again.send({ type: 'message', clientMessageId: 'crash-resend-1', text: 'my discount code 7 fails' });
    const seen = await repliesTo(again, resumed.messages, 'my discount code 7 fails');
    expect(new Set(seen.map((m) => m.id)).size).toBe(1);
    expect(await stored(session.conversationId, 'customer')).toEqual(['my discount code 7 fails']);
    await waitFor(async () => (await stored(session.conversationId, 'bot')).length === 2);
    const due = await product.models.Message.countDocuments({
      workspaceId: product.workspaceId,
      conversationId: session.conversationId,
      handoff: 'due',
    });
    expect(due).toBe(0);
    await again.close();
  });

  it('hands over a message stored just before the API died even when nobody re-sends it', async () => {
    const worker = track(spawnWorker(product.env));
    await worker.ready;
    const session = await crashBetweenStoreAndSignal(
      'visitor-crash-quiet',
      'crash-quiet-1',
      'do you sell gift wrap',
    );

    // The widget sees its message in the resumed history and does not send it again.
    const restarted = track(spawnApi(product.env));
    await restarted.ready;
    const again = await WidgetSocket.open(product.wsUrl);
    const resumed = await again.hello('visitor-crash-quiet');
    expect(resumed.messages.map((m) => m.text)).toContain('do you sell gift wrap');
    const seen = await repliesTo(again, resumed.messages, 'do you sell gift wrap');
    expect(new Set(seen.map((m) => m.id)).size).toBe(1);
    await waitFor(async () => (await stored(session.conversationId, 'bot')).length === 2);
    expect(await stored(session.conversationId, 'bot')).toEqual([
      'Hi! Welcome to Demo Shop. How can we help you today?',
      'Thanks, we got your message: "do you sell gift wrap". A teammate will answer shortly.',
    ]);
    await again.close();
  });

  it('tells the run of a resolution made just before the API died: the flow goes on once', async () => {
    const worker = track(spawnWorker(product.env));
    const api = track(spawnApi(product.env));
    await Promise.all([worker.ready, api.ready]);
    const shop = await signUpShop(product.url, 'resolve-crash');
    await publishFlow(product.url, shop, {
      schemaVersion: 1,
      name: 'Wait for the agent',
      kind: 'routing',
      nodes: [
        { id: 'start', type: 'conversation-started', config: {}, position: { x: 0, y: 0 } },
        { id: 'with-agent', type: 'wait-for-resolution', config: {}, position: { x: 0, y: 120 } },
        {
          id: 'goodbye',
          type: 'close-conversation',
          config: { farewell: 'Glad we could help!' },
          position: { x: 0, y: 240 },
        },
        { id: 'done', type: 'end', config: {}, position: { x: 200, y: 240 } },
      ],
      edges: [
        { source: 'start', sourcePort: 'next', target: 'with-agent' },
        { source: 'with-agent', sourcePort: 'resolved', target: 'goodbye' },
        { source: 'with-agent', sourcePort: 'timeout', target: 'done' },
      ],
    } as FlowDraft);
    const socket = await WidgetSocket.open(product.wsUrl);
    const session = await socket.hello('visitor-resolve-crash', shop.publicKey);
    await waitFor(async () => {
      const run = await product.models.FlowRun.findOne({
        workspaceId: shop.workspaceId,
        conversationId: session.conversationId,
      }).lean();
      return run?.status === 'running';
    });
    await stopChild(api);

    // The owner resolves the chat on an API that dies right after storing the resolution.
    const dying = track(spawnApi(product.env, { KEFU_FAULT_POINT: 'conversation-resolved' }));
    await dying.ready;
    const exited = new Promise((resolve) => dying.once('exit', resolve));
    const resolving = callApi(
      product.url,
      shop,
      'POST',
      `/conversations/${session.conversationId}/resolve`,
    ).catch(() => null);
    await exited;
    expect(await resolving).toBeNull();
    const stored = () =>
      product.models.Conversation.findOne({
        _id: session.conversationId,
        workspaceId: shop.workspaceId,
      }).lean();
    expect(await stored()).toMatchObject({ status: 'closed', resolvedSignal: 'due' });

    // The next API process tells the run; the flow's farewell comes once.
    const restarted = track(spawnApi(product.env));
    await restarted.ready;
    await waitFor(async () => (await stored())?.resolvedSignal === undefined);
    const farewells = async () =>
      (
        await product.models.Message.find({
          workspaceId: shop.workspaceId,
          conversationId: session.conversationId,
          author: 'bot',
        }).lean()
      ).filter((m) => m.text === 'Glad we could help!');
    await waitFor(async () => (await farewells()).length > 0);
    expect(await farewells()).toHaveLength(1);
    socket.ws.terminate();
  });

  /**
   * Stops `api`, then makes `request` on an API that kills itself at `point` (after storing the
   * change, before telling the run): the request gets no answer and the process is gone.
   */
  async function dieAt(api: Spawned, point: string, request: () => Promise<unknown>): Promise<void> {
    await stopChild(api);
    const dying = track(spawnApi(product.env, { KEFU_FAULT_POINT: point }));
    await dying.ready;
    // Its own start-up sweep must be over: one still running could pass the change on in the
    // moment between the store and the fault point, and the test would not see the restart do it.
    await dying.printed('start-up hand-off sweep done');
    const exited = new Promise<null>((resolve) => dying.once('exit', () => resolve(null)));
    const answer = request().then(
      (answered) => ({ answered }),
      () => null,
    );
    // An answer before the process died means it never reached the fault point.
    expect(await Promise.race([exited, answer])).toBeNull();
    await exited;
    expect(await answer).toBeNull();
  }

  async function restartApi(): Promise<Spawned> {
    const api = track(spawnApi(product.env));
    await api.ready;
    return api;
  }

  /** The payloads of the run's signals called `name`, in the order the run received them. */
  async function signalsOf(workflowId: string, name: string): Promise<Record<string, unknown>[]> {
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    // The history holds them encrypted (the payload codec, docs/privacy.md).
    const codec = new AesGcmPayloadCodec(parseCodecKeys(product.env.KEFU_TEMPORAL_CODEC_KEYS!));
    return (history.events ?? [])
      .map((e) => e.workflowExecutionSignaledEventAttributes)
      .filter((a) => a?.signalName === name)
      .map(
        (a) =>
          JSON.parse(Buffer.from(codec.decrypt(a!.input!.payloads![0]!).data!).toString('utf8')) as Record<
            string,
            unknown
          >,
      );
  }

  const botTexts = async (shop: Shop, conversationId: string) =>
    (
      await product.models.Message.find({
        workspaceId: shop.workspaceId,
        conversationId,
        author: 'bot',
      }).lean()
    ).map((m) => m.text);

  it('tells the run of an acceptance, an agent reply and a transfer made just before the API died, once each', async () => {
    const worker = track(spawnWorker(product.env));
    let api = track(spawnApi(product.env));
    await Promise.all([worker.ready, api.ready]);
    const shop = await signUpStaffShop(product.url, 'agent-crash');
    const call = <T>(method: string, path: string, body?: unknown) =>
      callApi<T>(product.url, shop, method, path, body);
    const team = await call<TeamWire>('POST', '/teams', {
      key: 'support',
      name: 'Support',
      members: [shop.userId],
    });
    expect(team.status).toBe(201);
    expect((await call('PATCH', '/agents/me', { presence: 'online' })).status).toBe(200);
    // The offer waits half an hour: only the signal, not the step's timer, can move the run on in this test.
    await publishFlow(product.url, shop, {
      schemaVersion: 1,
      name: 'Route, then wait for the agent',
      kind: 'routing',
      nodes: [
        { id: 'start', type: 'conversation-started', config: {}, position: { x: 0, y: 0 } },
        {
          id: 'route',
          type: 'route-to-team',
          config: { teamId: 'support', strategy: 'least-loaded', timeoutMinutes: 30 },
          position: { x: 0, y: 100 },
        },
        {
          id: 'assigned',
          type: 'send-message',
          config: { text: 'You are now talking to a person.' },
          position: { x: 0, y: 200 },
        },
        { id: 'with-agent', type: 'wait-for-resolution', config: {}, position: { x: 0, y: 300 } },
        {
          id: 'late',
          type: 'send-message',
          config: { text: 'Nobody answered in time.' },
          position: { x: 200, y: 200 },
        },
        { id: 'done', type: 'end', config: {}, position: { x: 0, y: 400 } },
      ],
      edges: [
        { source: 'start', sourcePort: 'next', target: 'route' },
        { source: 'route', sourcePort: 'assigned', target: 'assigned' },
        { source: 'route', sourcePort: 'no-agent', target: 'late' },
        { source: 'route', sourcePort: 'timeout', target: 'late' },
        { source: 'assigned', sourcePort: 'next', target: 'with-agent' },
        { source: 'with-agent', sourcePort: 'resolved', target: 'done' },
        { source: 'with-agent', sourcePort: 'timeout', target: 'done' },
      ],
    } as FlowDraft);
    const socket = await WidgetSocket.open(product.wsUrl);
    const { conversationId } = await socket.hello('visitor-agent-crash', shop.publicKey);
    const run = conversationWorkflowId(conversationId);
    let offer: OfferWire | undefined;
    await waitFor(async () => {
      offer = (await call<Page<OfferWire>>('GET', '/agents/me/offers')).body.items.find(
        (o) => o.conversationId === conversationId,
      );
      return offer !== undefined;
    });
    socket.ws.terminate();

    // Accepted on an API that dies right after storing the acceptance: the next one tells the run.
    await dieAt(api, 'offer-accepted', () => call('POST', `/offers/${offer!.id}/accept`));
    const storedOffer = () =>
      product.models.Offer.findOne({ _id: offer!.id, workspaceId: shop.workspaceId }).lean();
    expect(await storedOffer()).toMatchObject({ status: 'accepted', acceptedSignal: 'due' });
    api = await restartApi();
    await waitFor(async () =>
      (await botTexts(shop, conversationId)).includes('You are now talking to a person.'),
    );
    await waitFor(async () => (await storedOffer())?.acceptedSignal === undefined);
    expect((await signalsOf(run, FLOW_SIGNALS.agentAccepted)).map((s) => s.offerId)).toEqual([offer!.id]);
    expect((await botTexts(shop, conversationId)).filter((t) => /person|in time/.test(t))).toEqual([
      'You are now talking to a person.',
    ]);

    // The agent's reply, stored just before the API died: the customer and the run get it once.
    await dieAt(api, 'agent-message-stored', () =>
      call('POST', `/conversations/${conversationId}/messages`, {
        clientMessageId: 'agent-reply-1',
        text: 'Looking into it now',
      }),
    );
    const reply = () =>
      product.models.Message.findOne({
        workspaceId: shop.workspaceId,
        conversationId,
        author: 'agent',
      }).lean();
    expect(await reply()).toMatchObject({ text: 'Looking into it now', handoff: 'due' });
    api = await restartApi();
    await waitFor(async () => (await reply())?.handoff === undefined);
    const replyId = String((await reply())!._id);
    expect((await signalsOf(run, FLOW_SIGNALS.agentMessage)).map((s) => s.messageId)).toEqual([replyId]);
    const again = await WidgetSocket.open(product.wsUrl);
    const resumed = await again.hello('visitor-agent-crash', shop.publicKey);
    expect(resumed.conversationId).toBe(conversationId);
    expect(resumed.messages.filter((m) => m.author === 'agent').map((m) => m.id)).toEqual([replyId]);
    again.ws.terminate();

    // A transfer back to the team's queue, stored just before the API died.
    await dieAt(api, 'conversation-transferred', () =>
      call('POST', `/conversations/${conversationId}/transfer`, { teamId: team.body.id }),
    );
    const conversation = () =>
      product.models.Conversation.findOne({ _id: conversationId, workspaceId: shop.workspaceId }).lean();
    expect(await conversation()).toMatchObject({
      transferSignal: 'due',
      transfer: { toTeamId: expect.anything() },
    });
    expect((await conversation())?.assignee?.agentId).toBeUndefined();
    api = await restartApi();
    await waitFor(async () => (await conversation())?.transferSignal === undefined);
    expect(await signalsOf(run, FLOW_SIGNALS.conversationTransferred)).toEqual([
      { byAgentId: shop.userId, toTeamId: team.body.id },
    ]);
  }, 420_000);

  it('passes a ticket creation and a ticket change made just before the API died to their flows, once each', async () => {
    const worker = track(spawnWorker(product.env));
    let api = track(spawnApi(product.env));
    await Promise.all([worker.ready, api.ready]);
    const shop = await signUpShop(product.url, 'ticket-crash');
    const call = <T>(method: string, path: string, body?: unknown) =>
      callApi<T>(product.url, shop, method, path, body);
    // The ticket's run waits up to 8 hours for it to be solved; a ticket-updated flow tags solved tickets.
    await publishFlow(product.url, shop, slaFlow);
    await publishFlow(product.url, shop, {
      schemaVersion: 1,
      name: 'Follow up solved tickets',
      kind: 'custom',
      nodes: [
        {
          id: 'updated',
          type: 'ticket-updated',
          config: { fields: ['status'], toStatus: 'solved' },
          position: { x: 0, y: 0 },
        },
        {
          id: 'tag',
          type: 'update-ticket',
          config: { ticket: '{{ticket.id}}', addTags: ['followed-up'] },
          position: { x: 0, y: 100 },
        },
      ],
      edges: [{ source: 'updated', sourcePort: 'next', target: 'tag' }],
    } as FlowDraft);

    // Opened on an API that dies right after storing the ticket: the next one starts its run.
    await dieAt(api, 'ticket-created', () =>
      call('POST', '/tickets', { subject: 'Kettle leaks', idempotencyKey: 'kettle-1' }),
    );
    const ticket = async () =>
      (await product.models.Ticket.find({ workspaceId: shop.workspaceId }).lean()).map((t) => ({
        ...t,
        id: String(t._id),
      }));
    expect(await ticket()).toHaveLength(1);
    const [stored] = await ticket();
    expect(stored).toMatchObject({ flowsDue: 'due', dueFlowEvents: [{ kind: 'created' }] });
    api = await restartApi();
    await waitFor(async () => (await ticket())[0]?.flowsDue === undefined);
    expect((await ticket())[0]?.flowRun).toMatchObject({
      workflowId: ticketWorkflowId(stored!.id),
      status: 'running',
    });
    // The open retried (the agent's console sending again): the same ticket, the same single run.
    const retried = await call<TicketWire>('POST', '/tickets', {
      subject: 'Kettle leaks',
      idempotencyKey: 'kettle-1',
    });
    expect(retried.body.id).toBe(stored!.id);
    await waitFor(
      async () =>
        (await client.workflow.getHandle(ticketWorkflowId(stored!.id)).describe()).status.name === 'RUNNING',
    );

    // Solved on an API that dies right after storing the change: the next one tells the ticket's
    // run (its SLA timer goes on, once) and starts the ticket-updated flow (once).
    await dieAt(api, 'ticket-changed', () => call('PATCH', `/tickets/${stored!.id}`, { status: 'solved' }));
    expect((await ticket())[0]).toMatchObject({
      status: 'solved',
      flowsDue: 'due',
      dueFlowEvents: [{ kind: 'changed', fields: ['status'] }],
    });
    api = await restartApi();
    await waitFor(async () => {
      const [now] = await ticket();
      return (
        !!now &&
        now.flowsDue === undefined &&
        now.tags.includes('sla-met') &&
        now.tags.includes('followed-up')
      );
    });
    const changes = await signalsOf(ticketWorkflowId(stored!.id), FLOW_SIGNALS.ticketUpdated);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ changed: ['status'], ticket: { id: stored!.id, status: 'solved' } });
    // The ticket-updated run's record is written by its own history flush, after its step tagged
    // the ticket: poll for it.
    await expect
      .poll(async () =>
        (await product.models.FlowRun.find({ workspaceId: shop.workspaceId, ticketId: stored!.id }).lean())
          .map((r) => r.workflowId)
          .sort(),
      )
      .toEqual(
        [
          ticketWorkflowId(stored!.id),
          `${ticketWorkflowId(stored!.id)}-update-${String(changes[0]!.changeKey)}`,
        ].sort(),
      );
    expect((await ticket())[0]?.tags).not.toContain('sla-breached');
  }, 300_000);

  it('keeps a conversation going across a restart of the Temporal server', async () => {
    const worker = track(spawnWorker(product.env));
    const api = track(spawnApi(product.env));
    await Promise.all([worker.ready, api.ready]);
    const socket = await WidgetSocket.open(product.wsUrl);
    const session = await socket.hello('visitor-temporal-restart');
    await socket.next(isBotText(/Welcome/));

    await temporal.stop();
    // While Temporal is away the message is still stored, and the widget is told to send it again.
    let from = socket.frames.length;
    socket.send({ type: 'message', clientMessageId: 'temporal-down-1', text: 'anyone there?' });
    const refused = await socket.next((f) => f.type === 'error' || f.type === 'ack', from);
    expect(refused).toMatchObject({
      type: 'error',
      code: 'KEFU_ERR_UNAVAILABLE',
      clientMessageId: 'temporal-down-1',
    });
    expect(await stored(session.conversationId, 'customer')).toEqual(['anyone there?']);

    temporal = await startTemporal({
      port: temporal.port,
      dbFile: join(dir, 'temporal.db'),
      logFile: join(dir, 'temporal.log'),
    });
    // The widget's resend: same clientMessageId, stored once, answered once.
    from = socket.frames.length;
    for (let attempt = 0; ; attempt++) {
      socket.send({ type: 'message', clientMessageId: 'temporal-down-1', text: 'anyone there?' });
      const answer = await socket.next((f) => f.type === 'error' || f.type === 'ack', from);
      if (answer.type === 'ack') break;
      // Until the API and the worker are back on the restarted Temporal: seconds, more under load.
      if (attempt > 240) throw new Error(`still refused after restart: ${JSON.stringify(answer)}`);
      from = socket.frames.length;
      await new Promise((r) => setTimeout(r, 500));
    }
    await socket.next(isBotText(/"anyone there\?"/));

    expect(await stored(session.conversationId, 'customer')).toEqual(['anyone there?']);
    expect(await stored(session.conversationId, 'bot')).toEqual([
      'Hi! Welcome to Demo Shop. How can we help you today?',
      'Thanks, we got your message: "anyone there?". A teammate will answer shortly.',
    ]);
    // A push may repeat when an activity's completion was lost with the server (at-least-once);
    // it repeats the same stored message, which the widget shows once, by id.
    const shown = [...new Map(socket.pushed('bot').map((m) => [m.id, m.text])).values()];
    expect(shown).toEqual(await stored(session.conversationId, 'bot'));
    await socket.close();
  });
});
