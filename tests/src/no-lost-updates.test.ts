import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import type { FlowDraft } from '@kefu/schemas';
import type { ErrorBody } from '@kefu/schemas';
import type { InboxConversation, SlaPolicyList, SlaPolicyWire, TicketWire } from '@kefu/schemas/api';
import { offerConversation } from '@kefu/runtime/routing';
import { createActivities } from '@kefu/workers/activities';
import { startProduct, type RunningProduct } from './support/product';
import { callApi, signUpShop, type Shop } from './support/shop';
import { inviteAgent, ownerOf, type StaffMember } from './support/invite-agent';

/**
 * Writes two actors make at once, on the real product (API over HTTP, worker, Temporal, the
 * embedded store): 20 agents of one team taking the same queued chat, and 20 agents editing one
 * ticket while flow steps change it too. Nothing may be lost and nothing may happen twice.
 */
const AGENTS = 20;

let product: RunningProduct;
let shop: Shop;
let agents: StaffMember[];
let teamId: string;

const api = <T>(who: Shop, method: string, path: string, body?: unknown) =>
  callApi<T>(product.url, who, method, path, body);

beforeAll(async () => {
  product = await startProduct();
  shop = await signUpShop(product.url, 'races');
  await ownerOf(product.url, shop);
  agents = [];
  for (let i = 0; i < AGENTS; i++) agents.push(await inviteAgent(product.url, shop, `racer${i}`));
  const team = await api<{ id: string }>(shop, 'POST', '/teams', {
    key: 'support',
    name: 'Support',
    members: agents.map((a) => a.userId),
  });
  expect(team.status).toBe(201);
  teamId = team.body.id;
}, 240_000);
afterAll(async () => await product?.stop());

/** A customer's open chat waiting, unassigned, in the support team's queue. */
async function queuedChat(): Promise<string> {
  const { Contact, Conversation } = product.models;
  const contact = await Contact.create({
    workspaceId: shop.workspaceId,
    visitorId: `v-${new Types.ObjectId()}`,
  });
  const conversation = await Conversation.create({
    workspaceId: shop.workspaceId,
    contactId: contact._id,
    channel: 'web',
    teamId,
  });
  return String(conversation._id);
}

const loads = async () =>
  await Promise.all(
    agents.map((a) =>
      product.models.AgentSlot.countDocuments({ workspaceId: shop.workspaceId, agentId: a.userId }),
    ),
  );

/** All 20 agents press "accept" on the same chat at the same moment; the answers, in agent order. */
const everyoneTakes = (id: string) =>
  Promise.all(
    agents.map((a) => api<InboxConversation | ErrorBody>(a, 'POST', `/conversations/${id}/accept`)),
  );

function expectOneWinner(answers: { status: number; body: InboxConversation | ErrorBody }[]): number {
  const winners = answers.flatMap((a, i) => (a.status === 200 ? [i] : []));
  expect(winners, JSON.stringify(answers.map((a) => a.status))).toHaveLength(1);
  for (const lost of answers.filter((a) => a.status !== 200)) {
    expect(lost.status).toBe(409);
    expect(lost.body).toMatchObject({ statusCode: 409, code: 'KEFU_ERR_CONFLICT', field: 'params/id' });
    expect((lost.body as ErrorBody).message).toMatch(/another agent|no longer open|taken/i);
  }
  return winners[0]!;
}

describe('20 agents take the same queued chat at once', () => {
  it('gives it to exactly one of them, whose capacity alone it takes (five trials)', async () => {
    for (let trial = 0; trial < 5; trial++) {
      const id = await queuedChat();
      const before = await loads();
      const answers = await everyoneTakes(id);
      const winner = expectOneWinner(answers);
      expect((answers[winner]!.body as InboxConversation).assigneeId).toBe(agents[winner]!.userId);
      const stored = await product.models.Conversation.findOne({
        _id: id,
        workspaceId: shop.workspaceId,
      }).lean();
      expect(String(stored?.assignee?.agentId)).toBe(agents[winner]!.userId);
      const after = await loads();
      expect(after.map((n, i) => n - before[i]!)).toEqual(agents.map((_, i) => (i === winner ? 1 : 0)));
      // Let the chat go, so the next trial finds everyone with room.
      expect((await api(agents[winner]!, 'POST', `/conversations/${id}/resolve`)).status).toBe(200);
    }
  }, 120_000);

  it('also with an offer pending: the offered agent accepting races 19 teammates taking it over', async () => {
    for (let trial = 0; trial < 3; trial++) {
      const id = await queuedChat();
      // Routing offered it to one agent (who must be online to be chosen).
      const offered = agents[trial]!;
      await api(offered, 'PATCH', '/agents/me', { presence: 'online' });
      const made = await offerConversation(product.models, {
        workspaceId: shop.workspaceId,
        conversationId: id,
        teamRef: 'support',
        strategy: 'least-loaded',
        skills: [],
        timeoutMs: 60_000,
        idempotencyKey: `race-offer/${id}`,
      });
      expect(made).toHaveProperty('offerId');
      const offer = await product.models.Offer.findOne({
        workspaceId: shop.workspaceId,
        conversationId: id,
      }).orFail();
      expect(String(offer.agentId)).toBe(offered.userId);
      const before = await loads();

      const answers = await everyoneTakes(id);
      const winner = expectOneWinner(answers);
      const stored = await product.models.Conversation.findOne({
        _id: id,
        workspaceId: shop.workspaceId,
      }).lean();
      expect(String(stored?.assignee?.agentId)).toBe(agents[winner]!.userId);
      // The offer ended accepted, by the winner; its reserved slot went back unless the winner holds it.
      const ended = await product.models.Offer.findOne({
        _id: offer._id,
        workspaceId: shop.workspaceId,
      }).lean();
      expect([ended?.status, String(ended?.agentId)]).toEqual(['accepted', agents[winner]!.userId]);
      const after = await loads();
      expect(after.map((n, i) => n - before[i]!)).toEqual(
        agents.map((_, i) => (i === winner ? 1 : 0) - (agents[i] === offered ? 1 : 0)),
      );
      expect((await api(agents[winner]!, 'POST', `/conversations/${id}/resolve`)).status).toBe(200);
      await api(offered, 'PATCH', '/agents/me', { presence: 'offline' });
    }
  }, 120_000);
});

/** Every change to a ticket's tags starts this flow; its step tags the ticket and leaves a note. */
const checkFlow: FlowDraft = {
  schemaVersion: 1,
  name: 'Check tagged tickets',
  kind: 'custom',
  nodes: [
    { id: 'changed', type: 'ticket-updated', config: { fields: ['tags'] }, position: { x: 0, y: 0 } },
    {
      id: 'check',
      type: 'update-ticket',
      config: { ticket: '{{ticket.id}}', addTags: ['flow-checked'], note: 'Checked by the flow' },
      position: { x: 0, y: 100 },
    },
    { id: 'end', type: 'end', config: {}, position: { x: 0, y: 200 } },
  ],
  edges: [
    { source: 'changed', sourcePort: 'next', target: 'check' },
    { source: 'check', sourcePort: 'next', target: 'end' },
  ],
};

describe('20 agents edit one ticket while flow steps change it', () => {
  it('keeps every change, each on the timeline exactly once, with what it changed from', async () => {
    const flow = await api<{ id: string }>(shop, 'POST', '/flows', { name: checkFlow.name, kind: 'custom' });
    expect(
      (await api(shop, 'PUT', `/flows/${flow.body.id}/draft`, { revision: 0, draft: checkFlow })).status,
    ).toBe(200);
    expect((await api(shop, 'POST', `/flows/${flow.body.id}/publish`, {})).status).toBe(201);
    const opened = await api<TicketWire>(shop, 'POST', '/tickets', {
      subject: 'Order 7 arrived damaged',
      tags: ['start'],
    });
    expect(opened.status).toBe(201);
    const ticketId = opened.body.id;
    const { workspaceId } = shop;
    // The worker's own update-ticket activity, on the product's store, as flow steps call it.
    const steps = createActivities({ models: product.models, deliver: async () => {} });

    const edits = agents.map(async (agent, i) => {
      const edited = await api<TicketWire>(agent, 'PATCH', `/tickets/${ticketId}`, {
        addTags: [`agent${i}`],
        customFields: { [`checked${i}`]: i },
        ...(i === 0 ? { description: 'Box crushed, two cups broken' } : {}),
      });
      expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    });
    const flowSteps = Array.from({ length: 10 }, (_, j) =>
      steps.updateTicket({
        workspaceId,
        ticketId,
        idempotencyKey: `race-run-${j}/step/0`,
        addTags: [`step${j}`],
        note: `step ${j} looked`,
        ...(j === 3 ? { priority: 'high' as const } : {}),
        ...(j === 7 ? { status: 'pending' as const } : {}),
      }),
    );
    await Promise.all([...edits, ...flowSteps]);

    // The published flow runs once per agent's tag change, each run's step leaving its note.
    const events = () => product.models.TicketEvent.find({ workspaceId, ticketId }).lean();
    for (let i = 0; i < 600; i++) {
      if ((await events()).filter((e) => e.text === 'Checked by the flow').length >= AGENTS) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const timeline = await events();
    const ticket = (await api<{ ticket: TicketWire }>(shop, 'GET', `/tickets/${ticketId}`)).body.ticket;

    const agentTags = agents.map((_, i) => `agent${i}`);
    const stepTags = Array.from({ length: 10 }, (_, j) => `step${j}`);
    expect([...ticket.tags].sort()).toEqual(['start', 'flow-checked', ...agentTags, ...stepTags].sort());
    expect(ticket.customFields).toEqual(Object.fromEntries(agents.map((_, i) => [`checked${i}`, i])));
    expect(ticket).toMatchObject({
      description: 'Box crushed, two cups broken',
      priority: 'high',
      status: 'pending',
    });

    // Each change once on the timeline, its "from" what the field held just before it.
    const tagChanges = timeline.filter((e) => e.kind === 'changed' && e.field === 'tags');
    const added = tagChanges.map((e) => (e.to as string[]).filter((t) => !(e.from as string[]).includes(t)));
    for (const tag of [...agentTags, ...stepTags, 'flow-checked'])
      expect(
        added.filter((a) => a.includes(tag)),
        tag,
      ).toHaveLength(1);
    expect(added.every((a) => a.length === 1)).toBe(true);
    const fieldChanges = timeline.filter((e) => e.kind === 'changed' && e.field === 'customFields');
    expect(fieldChanges).toHaveLength(AGENTS);
    for (const [i, agent] of agents.entries()) {
      const mine = fieldChanges.filter((e) => String(e.actor?.userId) === agent.userId);
      expect(mine).toHaveLength(1);
      expect(mine[0]!.to).toMatchObject({ [`checked${i}`]: i });
      expect(mine[0]!.from).not.toHaveProperty(`checked${i}`);
    }
    for (const j of stepTags.keys())
      expect(timeline.filter((e) => e.text === `step ${j} looked`)).toHaveLength(1);
    expect(timeline.filter((e) => e.text === 'Checked by the flow')).toHaveLength(AGENTS);
    expect(timeline.filter((e) => e.field === 'priority')).toHaveLength(1);
    expect(timeline.filter((e) => e.field === 'status')).toHaveLength(1);
    expect(timeline.filter((e) => e.field === 'description')).toHaveLength(1);
  }, 180_000);
});

describe('owners naming the default SLA policy at once', () => {
  it('leaves exactly one default, the one new tickets are dated by', async () => {
    const targets = (minutes: number) => ({
      normal: { firstResponseMinutes: minutes, resolutionMinutes: minutes * 10 },
    });
    const policies: string[] = [];
    for (let i = 1; i <= 8; i++) {
      const made = await api<SlaPolicyWire>(shop, 'POST', '/sla-policies', {
        name: `Policy ${i}`,
        targets: targets(i),
      });
      expect(made.status).toBe(201);
      policies.push(made.body.id);
    }
    for (let trial = 0; trial < 3; trial++) {
      const answers = await Promise.all(
        policies.map((id) => api(shop, 'PATCH', `/sla-policies/${id}`, { isDefault: true })),
      );
      expect(answers.map((a) => a.status)).toEqual(policies.map(() => 200));
      const list = await api<SlaPolicyList>(shop, 'GET', '/sla-policies');
      const defaults = list.body.items.filter((p) => p.isDefault);
      expect(defaults).toHaveLength(1);
      const ticket = await api<TicketWire>(shop, 'POST', '/tickets', {
        subject: `Dated by the default ${trial}`,
      });
      expect(ticket.body.sla.policyId).toBe(defaults[0]!.id);
    }
  });
});

describe('owners leaving at once', () => {
  /** Signs a user of the shop in again (disabling one ends their sessions). */
  async function signIn(userId: string): Promise<StaffMember> {
    const user = await product.models.User.findOne({ _id: userId, workspaceId: shop.workspaceId }).lean();
    const res = await fetch(`${product.url}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user!.email, password: 'correct horse battery staple' }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers
      .getSetCookie()
      .find((c) => c.startsWith('kefu_session='))!
      .split(';')[0]!;
    return { ...shop, cookie, userId };
  }

  it('never leaves a workspace without an active owner, however they disable or demote each other', async () => {
    // The shop's owner and two agents made owners: every owner of the workspace is in the race.
    let owners = [await ownerOf(product.url, shop), agents[18]!, agents[19]!];
    for (const o of owners.slice(1))
      expect((await api(shop, 'PUT', `/users/${o.userId}/roles`, { roles: ['owner'] })).status).toBe(200);
    for (let trial = 0; trial < 3; trial++) {
      // Each owner takes the next one's ownership away, all at the same moment.
      const answers = await Promise.all(
        owners.map((o, i) => {
          const next = owners[(i + 1) % owners.length]!;
          return i === 1
            ? api(o, 'PUT', `/users/${next.userId}/roles`, { roles: ['agent'] })
            : api(o, 'PATCH', `/users/${next.userId}`, { disabled: true });
        }),
      );
      // 401: the caller was disabled a moment before their own request; 403: demoted a moment
      // before it (roles are read per request, not from the session).
      for (const a of answers) expect([200, 401, 403, 409]).toContain(a.status);
      const users = await product.models.User.find({ workspaceId: shop.workspaceId }).lean();
      const active = users.filter((u) => u.roles.includes('owner') && !u.disabled).map((u) => String(u._id));
      expect(active.length, JSON.stringify(answers.map((a) => a.status))).toBeGreaterThanOrEqual(1);
      // The owner left puts everyone back and they sign in again, for the next trial.
      const left = owners.find((o) => o.userId === active[0])!;
      for (const o of owners) {
        await api(left, 'PATCH', `/users/${o.userId}`, { disabled: false });
        expect((await api(left, 'PUT', `/users/${o.userId}/roles`, { roles: ['owner'] })).status).toBe(200);
      }
      owners = await Promise.all(owners.map((o) => signIn(o.userId)));
    }
  });
});
