import { inviteAgent, ownerOf } from './support/invite-agent';
import { signUpShop } from './support/shop';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { publishSeedFlow } from '@kefu/runtime';
import { starterTemplates } from '@kefu/nodes/templates';
import type { FlowDraft, WidgetServerFrame } from '@kefu/schemas';
import type { AgentServerFrame, InboxConversation, InboxMessage, TeamWire } from '@kefu/schemas/api';
import { startProduct, type RunningProduct } from './support/product';
import { WidgetSocket, isBotText } from './support/widget-socket';
import { AgentSocket } from './support/agent-socket';

/**
 * The service desk end to end on the real API, worker, Temporal and FerretDB: a customer chats in
 * the widget, the routing starter template offers the chat to an agent (on their socket), the
 * agent accepts, they talk (each side in real time), the agent resolves, the flow asks the
 * customer for a rating, and the rating shows on the conversation.
 */

/**
 * The routing template as shipped, except that the shop is always open: its hours would make the
 * test depend on the time of day (after hours it asks for an email instead).
 */
function alwaysOpenRouting(): FlowDraft {
  const template = starterTemplates.find((t) => t.id === 'vip-routing');
  if (!template) throw new Error('the routing template is gone');
  const draft = structuredClone(template.draft) as FlowDraft;
  draft.edges = draft.edges.map((e) =>
    e.source === 'hours' && e.sourcePort === 'closed' ? { ...e, target: 'is-vip' } : e,
  );
  return draft;
}

interface Person {
  cookie: string;
  userId: string;
  workspaceId: string;
  publicKey: string;
}

/** The frame shape(s) whose `type` may be T (conversation events share one shape). */
type Frame<T extends AgentServerFrame['type']> = AgentServerFrame extends infer F
  ? F extends { type: infer U }
    ? T extends U
      ? F
      : never
    : never
  : never;
const is =
  <T extends AgentServerFrame['type']>(type: T, where: (f: Frame<T>) => boolean = () => true) =>
  (f: AgentServerFrame): f is Frame<T> =>
    f.type === type && where(f as Frame<T>);

describe('the agent inbox with a routed chat', () => {
  let product: RunningProduct;
  let owner: Person;
  let agent: Person;
  let stranger: Person;
  let stamp = 0;

  const call = async <T>(who: Person | null, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${product.url}${path}`, {
      method,
      headers: {
        ...(who ? { cookie: who.cookie } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };
  const signUp = async (label: string): Promise<Person> =>
    await ownerOf(product.url, await signUpShop(product.url, label));
  const invite = async (boss: Person, label: string): Promise<Person> =>
    await inviteAgent(product.url, boss, label);
  const cookieOf = (res: Response) =>
    res.headers
      .getSetCookie()
      .find((c) => c.startsWith('kefu_session='))!
      .split(';')[0]!;

  beforeAll(async () => {
    product = await startProduct();
    owner = await signUp('inbox');
    stranger = await signUp('inbox-other');
    agent = await invite(owner, 'inbox-agent');
    await publishSeedFlow(product.models, owner.workspaceId, alwaysOpenRouting());
    const team = await call<TeamWire>(owner, 'POST', '/teams', {
      key: 'support',
      name: 'Support',
      members: [agent.userId],
    });
    expect(team.status).toBe(201);
    // One chat at a time, so a second customer finds the agent at capacity.
    expect((await call(agent, 'PATCH', '/agents/me', { presence: 'online', maxConcurrent: 1 })).status).toBe(
      200,
    );
  });
  /** Closed after each test, passed or failed, so the API can stop. */
  const sockets: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((s) => s.close()));
  });
  afterAll(async () => {
    await product?.stop();
  });

  it('routes, accepts, exchanges messages both ways, resolves, and the customer rates 5 after reconnecting', async () => {
    const inbox = await AgentSocket.open(product.wsUrl, agent.cookie);
    let widget = await WidgetSocket.open(product.wsUrl);
    sockets.push(inbox, widget);
    const visitorId = `customer-${stamp++}`;
    const { conversationId } = await widget.hello(visitorId, owner.publicKey);

    // The routing template offers the chat to the only agent of "support", on their socket.
    const offered = await inbox.next(is('offer.created', (f) => f.offer.conversationId === conversationId));
    expect(offered.offer.agentId).toBe(agent.userId);
    expect(offered.conversation).toMatchObject({ id: conversationId, status: 'open' });
    await widget.next(isBotText(/Connecting you with a teammate/));
    // The bot's messages reach the inbox live too, not only the customer's.
    await inbox.next(
      is(
        'message.created',
        (f) =>
          f.message.conversationId === conversationId &&
          f.message.author === 'bot' &&
          /Connecting you/.test(f.message.text),
      ),
    );

    const accepted = await call<InboxConversation>(agent, 'POST', `/conversations/${conversationId}/accept`);
    expect(accepted).toMatchObject({ status: 200, body: { id: conversationId, assigneeId: agent.userId } });
    await inbox.next(is('offer.ended', (f) => f.offerId === offered.offer.id && f.reason === 'accepted'));
    await inbox.next(is('conversation.assigned', (f) => f.conversation.id === conversationId));
    expect(
      (await call<{ mine: InboxConversation[] }>(agent, 'GET', '/inbox')).body.mine.map((c) => c.id),
    ).toEqual([conversationId]);

    // The customer's message reaches the agent's socket. "4" here is talk, not a rating: the
    // survey asked later must not take it.
    widget.send({ type: 'message', clientMessageId: 'cust-0001', text: 'Order 4 has not arrived' });
    widget.send({ type: 'message', clientMessageId: 'cust-0002', text: '4' });
    await inbox.next(
      is('message.created', (f) => f.message.conversationId === conversationId && f.message.text === '4'),
    );

    // The agent's reply reaches the widget, once even when resent; the note never does.
    const reply = { clientMessageId: 'agent-0001', text: 'Sorry! It ships today. <script>alert(1)</script>' };
    const sent = await call<InboxMessage>(agent, 'POST', `/conversations/${conversationId}/messages`, reply);
    expect(sent).toMatchObject({
      status: 200,
      body: { author: 'agent', agentId: agent.userId, text: reply.text },
    });
    await call<InboxMessage>(agent, 'POST', `/conversations/${conversationId}/messages`, reply);
    await widget.next(
      (f) => f.type === 'message' && f.message.author === 'agent' && f.message.text === reply.text,
    );
    const note = await call(agent, 'POST', `/conversations/${conversationId}/notes`, {
      text: 'Customer is upset: VOUCHER-NOTE',
    });
    expect(note.status).toBe(200);
    await inbox.next(is('note.created', (f) => f.note.text.includes('VOUCHER-NOTE')));
    const messages = await call<{ items: InboxMessage[] }>(
      agent,
      'GET',
      `/conversations/${conversationId}/messages`,
    );
    expect(messages.body.items.filter((m) => m.author === 'agent')).toHaveLength(1);

    // Unhappy paths on the way: a second customer finds the agent at capacity; another shop
    // cannot reply here; an empty reply names its field.
    const second = await WidgetSocket.open(product.wsUrl);
    sockets.push(second);
    const other = await second.hello(`customer-${stamp++}`, owner.publicKey);
    // Wait until its flow has met the full team (and asks for an email): otherwise its offer could
    // come after the resolve below frees the agent and take the slot back.
    await second.next(isBotText(/can't reach a teammate/));
    const full = await call<{ code: string; field: string; message: string }>(
      agent,
      'POST',
      `/conversations/${other.conversationId}/accept`,
    );
    expect(full).toMatchObject({ status: 409, body: { code: 'KEFU_ERR_CONFLICT', field: 'params/id' } });
    expect(full.body.message).toMatch(/capacity/);
    await second.close();
    const foreign = await call(stranger, 'POST', `/conversations/${conversationId}/messages`, {
      clientMessageId: 'foreign-01',
      text: 'hi',
    });
    expect(foreign.status).toBe(404);
    const empty = await call<{ field: string }>(agent, 'POST', `/conversations/${conversationId}/messages`, {
      clientMessageId: 'agent-0002',
      text: '',
    });
    expect(empty).toMatchObject({ status: 400, body: { field: 'body/text' } });

    // Resolving frees the agent and lets the flow ask for a rating in the widget.
    const resolved = await call<InboxConversation>(agent, 'POST', `/conversations/${conversationId}/resolve`);
    expect(resolved).toMatchObject({ status: 200, body: { status: 'closed' } });
    await inbox.next(is('conversation.resolved', (f) => f.conversation.id === conversationId));
    expect((await call<{ load: number }>(agent, 'GET', '/agents/me')).body.load).toBe(0);
    expect((await call(agent, 'POST', `/conversations/${conversationId}/resolve`)).status).toBe(409);
    const question = (await widget.next(isBotText(/rate the help/))) as Extract<
      WidgetServerFrame,
      { type: 'message' }
    >;
    expect(question.message.quickReplies?.map((q) => q.label)).toEqual(['1', '2', '3', '4', '5']);
    // Nothing staff-only ever reached the customer.
    expect(JSON.stringify(widget.frames)).not.toContain('VOUCHER-NOTE');
    // The resend was pushed again (in case the first push was lost): the same message, shown once.
    expect(new Set(widget.pushed('agent').map((m) => m.id)).size).toBe(1);

    // The customer's widget reconnects before rating: it resumes the closed conversation whose
    // run still waits for the rating, not a new one.
    await widget.close();
    widget = await WidgetSocket.open(product.wsUrl);
    sockets.push(widget);
    const resumed = await widget.hello(visitorId, owner.publicKey);
    expect(resumed.conversationId).toBe(conversationId);

    widget.send({ type: 'message', clientMessageId: 'cust-0003', text: '5' });
    await widget.next(isBotText(/Thank you for your feedback/));
    // The rating reaches the agent's socket as it lands, on the first conversation.
    const rated = await inbox.next(is('conversation.updated', (f) => f.conversation.id === conversationId));
    expect(rated.conversation).toMatchObject({ status: 'closed', csat: { rating: 5 } });
    expect(
      (await call<InboxConversation>(agent, 'GET', `/inbox/conversations/${conversationId}`)).body.csat
        ?.rating,
    ).toBe(5);
  });

  it('refuses the agent socket without a session, and to other roles', async () => {
    await expect(AgentSocket.open(product.wsUrl, '')).rejects.toThrow(/401/);
    const analystEmail = `analyst-${Date.now()}-${stamp++}@example.com`;
    const invited = await call<{ link: string }>(owner, 'POST', '/invites', {
      email: analystEmail,
      roles: ['analyst'],
    });
    const token = new URL(invited.body.link).searchParams.get('token');
    const res = await fetch(`${product.url}/invites/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, name: 'analyst', password: 'correct horse battery staple' }),
    });
    await expect(AgentSocket.open(product.wsUrl, cookieOf(res))).rejects.toThrow(/403/);
  });
});
