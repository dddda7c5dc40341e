import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTemplate } from '@kefu/nodes/templates';
import type { FlowDraft } from '@kefu/schemas';
import type { OfferWire, Page, Run, RunTimeline } from '@kefu/schemas/api';
import { startProduct, type RunningProduct } from './support/product';
import { callApi, signUpShop, type Shop } from './support/shop';
import { inviteAgent, ownerOf, type StaffMember } from './support/invite-agent';
import { publishFlow } from './support/publish-flow';
import { WidgetSocket, isBotText } from './support/widget-socket';

/**
 * The starter templates end to end: published through the flows API as an owner would, talked to
 * through the widget WebSocket, agents answering over the HTTP API, on the real worker, Temporal
 * and FerretDB. (The survey template runs on tickets and is covered with the tickets API.)
 *
 * The templates' business hours are Asia/Shanghai office hours, so the tests set the hours node to
 * a zone where it is midday now: open all day, or closed by a holiday on today's date there.
 */
describe('starter templates end to end', () => {
  let product: RunningProduct;
  const api = <T>(who: Shop | null, method: string, path: string, body?: unknown) =>
    callApi<T>(product.url, who, method, path, body);

  beforeAll(async () => {
    product = await startProduct();
  });
  afterAll(async () => {
    await product?.stop();
  });

  const bot = async (shop: Shop, conversationId: string) =>
    (
      await product.models.Message.find({ workspaceId: shop.workspaceId, conversationId, author: 'bot' })
        .sort({ createdAt: 1 })
        .lean()
    ).map((m) => m.text);

  async function send(socket: WidgetSocket, clientMessageId: string, text: string) {
    const from = socket.frames.length;
    socket.send({ type: 'message', clientMessageId, text });
    const answer = await socket.next(
      (f) => f.type === 'error' || (f.type === 'ack' && f.clientMessageId === clientMessageId),
      from,
    );
    if (answer.type !== 'ack') throw new Error(`message refused: ${JSON.stringify(answer)}`);
    return answer.message;
  }

  /** The conversation's finished run (of the given flow) and its timeline, as an analyst reads it. */
  async function finishedRun(owner: Shop, conversationId: string, flowId: string): Promise<RunTimeline> {
    let run: Run | undefined;
    await expect
      .poll(async () => {
        const runs = await api<Page<Run>>(owner, 'GET', `/runs?conversationId=${conversationId}`);
        run = runs.body.items.find((r) => r.flowId === flowId);
        return run?.status;
      })
      .toBe('completed');
    return (await api<RunTimeline>(owner, 'GET', `/runs/${run!.id}`)).body;
  }
  const portsOf = (timeline: RunTimeline) => timeline.steps.map((s) => `${s.nodeId}:${s.port ?? '-'}`);

  async function createTeam(owner: Shop, key: string, members: StaffMember[]) {
    const team = await api<{ id: string }>(owner, 'POST', '/teams', {
      key,
      name: key,
      members: members.map((m) => m.userId),
    });
    expect(team.status).toBe(201);
    return team.body.id;
  }
  const goOnline = async (who: StaffMember) =>
    expect((await api(who, 'PATCH', '/agents/me', { presence: 'online' })).status).toBe(200);
  async function offerTo(who: StaffMember, conversationId: string): Promise<OfferWire> {
    let offer: OfferWire | undefined;
    await expect
      .poll(async () => {
        const offers = await api<Page<OfferWire>>(who, 'GET', '/agents/me/offers');
        offer = offers.body.items.find((o) => o.conversationId === conversationId);
        return offer?.status;
      })
      .toBe('offered');
    return offer!;
  }

  it('auto-reply (out of hours): a message gets the closed reply, a ticket and its number', async () => {
    const shop = await signUpShop(product.url, 'auto-closed');
    const { flowId } = await publishFlow(
      product.url,
      shop,
      withHours(template('out-of-hours-auto-reply'), 'closed'),
    );
    const socket = await WidgetSocket.open(product.wsUrl);
    const session = await socket.hello('visitor-late', shop.publicKey);
    await send(socket, 'late-msg-1', 'Is my order shipped?');
    const number = (await socket.next(isBotText(/Your reference number is/))) as {
      message: { text: string };
    };

    const tickets = await product.models.Ticket.find({ workspaceId: shop.workspaceId }).lean();
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ description: 'Is my order shipped?', tags: ['out-of-hours'] });
    // The customer is told the ticket's number in the shop, not a database id.
    expect(number.message.text).toBe('Your reference number is #1001.');
    expect(tickets[0]).toMatchObject({ subject: 'Out-of-hours message from a visitor' });
    expect(await bot(shop, session.conversationId)).toEqual([
      expect.stringMatching(/we're closed right now/),
      number.message.text,
    ]);
    expect(portsOf(await finishedRun(shop, session.conversationId, flowId))).toEqual([
      'message:next',
      'hours:closed',
      'closed-reply:next',
      'ticket:next',
      'ticket-number:next',
      'done:-',
    ]);

    // Every message is its own run: the second one gets its own reply and ticket. The reply is looked
    // for from before the send (it may arrive, and other frames after it, while the ticket is polled).
    const beforeSecond = socket.frames.length;
    await send(socket, 'late-msg-2', 'Also, can I change the address?');
    await expect.poll(() => product.models.Ticket.countDocuments({ workspaceId: shop.workspaceId })).toBe(2);
    const second = (await socket.next(isBotText(/Your reference number is/), beforeSecond)) as {
      message: { text: string };
    };
    expect(second.message.text).not.toBe(number.message.text);
    await socket.close();
  });

  it('auto-reply (open): a question the knowledge base cannot answer gets the teammate-soon reply', async () => {
    const shop = await signUpShop(product.url, 'auto-open');
    const { flowId } = await publishFlow(
      product.url,
      shop,
      withHours(template('out-of-hours-auto-reply'), 'open'),
    );
    const socket = await WidgetSocket.open(product.wsUrl);
    const session = await socket.hello('visitor-day', shop.publicKey);
    await send(socket, 'day-msg-1', 'Do you ship to Mars?');
    await socket.next(isBotText(/A teammate will reply in a few minutes/));
    expect(portsOf(await finishedRun(shop, session.conversationId, flowId))).toEqual([
      'message:next',
      'hours:open',
      'faq:not-found',
      'teammate-soon:next',
      'done:-',
    ]);
    expect(await product.models.Ticket.countDocuments({ workspaceId: shop.workspaceId })).toBe(0);
    await socket.close();
  });

  it('routing: a VIP reaches the VIP desk, the advisor accepts and resolves, the customer rates; others reach support', async () => {
    const shop = await signUpShop(product.url, 'routing');
    const [advisor, helper] = [
      await inviteAgent(product.url, shop, 'vip'),
      await inviteAgent(product.url, shop, 'support'),
    ];
    await createTeam(shop, 'vip-desk', [advisor]);
    await createTeam(shop, 'support', [helper]);
    await Promise.all([goOnline(advisor), goOnline(helper)]);
    // A returning customer: they chatted before the flow existed (their widget keeps its visitor
    // token), and the shop has since named them and tagged them VIP in its contacts.
    const earlier = await WidgetSocket.open(product.wsUrl);
    const earlierSession = await earlier.hello('visitor-vip', shop.publicKey);
    await earlier.close();
    const known = await product.models.Contact.findOne({
      workspaceId: shop.workspaceId,
      visitorId: 'visitor-vip',
    }).lean();
    expect(
      (await api(shop, 'PATCH', `/contacts/${known!._id}`, { name: 'Mei', addTags: ['vip'] })).status,
    ).toBe(200);
    expect((await api(shop, 'POST', `/conversations/${earlierSession.conversationId}/resolve`)).status).toBe(
      200,
    );
    const { flowId } = await publishFlow(product.url, shop, withHours(template('vip-routing'), 'open'));

    const vip = await WidgetSocket.open(product.wsUrl);
    const vipSession = await vip.hello('visitor-vip', shop.publicKey);
    await vip.next(isBotText(/Welcome back, Mei! Connecting you with your VIP advisor/));
    const offer = await offerTo(advisor, vipSession.conversationId);
    expect((await api<OfferWire>(advisor, 'POST', `/offers/${offer.id}/accept`)).body.status).toBe(
      'accepted',
    );
    const assigned = await product.models.Conversation.findOne({
      _id: vipSession.conversationId,
      workspaceId: shop.workspaceId,
    }).lean();
    expect(String(assigned?.assignee?.agentId)).toBe(advisor.userId);
    // The advisor resolves the chat in the inbox; the same run asks the customer for a rating.
    const resolved = await api(advisor, 'POST', `/conversations/${vipSession.conversationId}/resolve`);
    expect(resolved.status).toBe(200);
    await vip.next(isBotText(/How would you rate the help you got today/));
    await send(vip, 'vip-rating-1', '5');
    await vip.next(isBotText(/Thank you for your feedback!/));
    expect(portsOf(await finishedRun(shop, vipSession.conversationId, flowId))).toEqual([
      'start:next',
      'hours:open',
      'is-vip:true',
      'vip-desk:assigned',
      'with-agent:resolved',
      'rate:positive',
      'goodbye:-',
    ]);

    const regular = await WidgetSocket.open(product.wsUrl);
    const regularSession = await regular.hello('visitor-regular', shop.publicKey);
    const other = await offerTo(helper, regularSession.conversationId);
    expect((await api<OfferWire>(helper, 'POST', `/offers/${other.id}/accept`)).body.status).toBe('accepted');
    // The support agent has the chat now; the run waits for them to resolve it.
    await expect
      .poll(
        async () =>
          (await api<Page<Run>>(shop, 'GET', `/runs?conversationId=${regularSession.conversationId}`)).body
            .items[0]?.currentNodeId,
      )
      .toBe('with-agent');
    const steps = await product.models.RunStep.find({ workspaceId: shop.workspaceId })
      .sort({ step: 1 })
      .lean();
    const regularRun = (
      await api<Page<Run>>(shop, 'GET', `/runs?conversationId=${regularSession.conversationId}`)
    ).body.items[0]!;
    expect(steps.filter((s) => s.runId === regularRun.id).map((s) => `${s.nodeId}:${s.port ?? '-'}`)).toEqual(
      ['start:next', 'hours:open', 'is-vip:false', 'support:assigned'],
    );
    // The advisor was never offered the regular customer.
    expect((await api<Page<OfferWire>>(advisor, 'GET', '/agents/me/offers')).body.items).toEqual([]);
    await Promise.all([vip.close(), regular.close()]);
  });

  it('routing (closed): asks for an email, re-asks a bad one, opens a callback ticket and closes', async () => {
    const shop = await signUpShop(product.url, 'routing-closed');
    // Publishing checks the template's teams exist; out of hours nobody in them is asked.
    await createTeam(shop, 'vip-desk', []);
    await createTeam(shop, 'support', []);
    const { flowId } = await publishFlow(product.url, shop, withHours(template('vip-routing'), 'closed'));
    const socket = await WidgetSocket.open(product.wsUrl);
    const session = await socket.hello('visitor-night', shop.publicKey);
    await socket.next(isBotText(/Leave your email/));
    await send(socket, 'night-msg-1', 'call me maybe');
    await socket.next(isBotText(/does not look like an email/));
    await send(socket, 'night-msg-2', 'li.na@example.com');
    await socket.next(isBotText(/Have a good day!/));

    expect(await bot(shop, session.conversationId)).toEqual([
      expect.stringMatching(/Leave your email/),
      'That does not look like an email address. Could you check it?',
      'Thanks! We will write to li.na@example.com soon.',
      'Have a good day!',
    ]);
    const [ticket] = await product.models.Ticket.find({ workspaceId: shop.workspaceId }).lean();
    expect(ticket).toMatchObject({
      tags: ['callback'],
      description: expect.stringContaining('li.na@example.com'),
    });
    expect(portsOf(await finishedRun(shop, session.conversationId, flowId))).toEqual([
      'start:next',
      'hours:closed',
      'ask-email:answered',
      'callback:next',
      'confirm:next',
      'close:-',
    ]);
    // The run ends after its close step: by then the conversation is closed.
    const conversation = await product.models.Conversation.findOne({
      _id: session.conversationId,
      workspaceId: shop.workspaceId,
    }).lean();
    expect(conversation?.status).toBe('closed');
    await socket.close();
  });

  it('escalation: nobody in support accepts within the wait, so it is raised to urgent and a supervisor accepts', async () => {
    const shop = await signUpShop(product.url, 'escalation');
    const owner = await ownerOf(product.url, shop);
    const agent = await inviteAgent(product.url, shop, 'slow');
    await createTeam(shop, 'support', [agent]);
    const supervisors = await createTeam(shop, 'supervisors', [owner]);
    await Promise.all([goOnline(agent), goOnline(owner)]);
    const { flowId, version } = await publishFlow(product.url, shop, template('escalate-after-10-minutes'));
    // Ten minutes is the template's wait; the designer's minimum is one. The test shortens the
    // support team's wait in the published version to 3 s (the supervisors keep 10 minutes).
    // (Published versions are immutable through the model, so the test writes the collection.)
    await product.models.FlowVersion.collection.updateOne(
      { workspaceId: new Types.ObjectId(shop.workspaceId), flowId: new Types.ObjectId(flowId), version },
      { $set: { 'compiled.nodes.support.config.timeoutMinutes': 0.05 } },
    );

    const socket = await WidgetSocket.open(product.wsUrl);
    const session = await socket.hello('visitor-waiting', shop.publicKey);
    const ignored = await offerTo(agent, session.conversationId);
    await socket.next(isBotText(/Sorry for the wait/));
    await socket.next(isBotText(/A supervisor will be with you shortly/));
    const offer = await offerTo(owner, session.conversationId);
    expect((await api<OfferWire>(owner, 'POST', `/offers/${offer.id}/accept`)).body.status).toBe('accepted');

    expect(portsOf(await finishedRun(shop, session.conversationId, flowId))).toEqual([
      'start:next',
      'support:timeout',
      'escalate:next',
      'sorry:next',
      'supervisors:assigned',
      'done:-',
    ]);
    const stored = await product.models.Offer.findOne({
      _id: ignored.id,
      workspaceId: shop.workspaceId,
    }).lean();
    expect(stored?.status).toBe('expired');
    const conversation = await product.models.Conversation.findOne({
      _id: session.conversationId,
      workspaceId: shop.workspaceId,
    }).lean();
    expect(conversation).toMatchObject({ priority: 'urgent', escalation: { notifySupervisor: true } });
    expect(String(conversation?.teamId)).toBe(supervisors);
    expect(String(conversation?.assignee?.agentId)).toBe(owner.userId);
    expect(await product.models.Ticket.countDocuments({ workspaceId: shop.workspaceId })).toBe(0);
    await socket.close();
  });
});

function template(id: string): FlowDraft {
  const found = findTemplate(id);
  if (!found) throw new Error(`no template ${id}`);
  return structuredClone(found.draft);
}

/**
 * The template with its business-hours node in a fixed-offset zone where it is about midday now:
 * open every day from 00:00 to 23:59, or the same hours with today (there) a holiday.
 */
function withHours(draft: FlowDraft, state: 'open' | 'closed'): FlowDraft {
  const utcHour = new Date().getUTCHours();
  const offset = 12 - utcHour; // -11 .. +12, all valid Etc/GMT zones
  // Etc/GMT zones are named with the sign inverted: Etc/GMT-8 is UTC+8.
  const timeZone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
  const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  for (const node of draft.nodes)
    if (node.type === 'business-hours')
      node.config = {
        timeZone,
        schedule: days.map((day) => ({ day, open: '00:00', close: '23:59' })),
        holidays: state === 'closed' ? [today] : [],
      };
  return draft;
}
