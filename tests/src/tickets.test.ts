import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDraft } from '@kefu/schemas';
import type { TicketDetail, TicketWire } from '@kefu/schemas/api';
import { startProduct, type RunningProduct } from './support/product';
import { slaFlow } from './support/sla-flow';
import { callApi, signUpShop, type Shop } from './support/shop';
import { WidgetSocket, isBotText } from './support/widget-socket';

// Tickets and their flows end to end on real FerretDB, the Temporal dev server and the worker:
// a ticket opened through the API starts the published ticket-created flow (an SLA timer); solving
// it through the API lets that timer go on at once and starts the starter survey template, which
// asks the customer in the ticket's conversation; the rating reaches ticket, conversation and contact.

describe('tickets start and steer their flows', () => {
  let product: RunningProduct;
  let shop: Shop;
  let asShop: Shop;
  const api = <T>(method: string, path: string, body?: unknown) =>
    callApi<T>(product.url, asShop, method, path, body);

  async function publish(create: Record<string, unknown>, draft?: FlowDraft) {
    const flow = await api<{ id: string }>('POST', '/flows', create);
    expect(flow.status).toBe(201);
    if (draft)
      expect((await api('PUT', `/flows/${flow.body.id}/draft`, { revision: 0, draft })).status).toBe(200);
    const published = await api('POST', `/flows/${flow.body.id}/publish`, {});
    expect(published.status, JSON.stringify(published.body)).toBe(201);
  }

  /** Polls the ticket until `ready` holds: the worker writes asynchronously. */
  async function ticketWhen(id: string, ready: (d: TicketDetail) => boolean): Promise<TicketDetail> {
    for (let i = 0; i < 600; i++) {
      const res = await api<TicketDetail>('GET', `/tickets/${id}`);
      if (ready(res.body)) return res.body;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(
      `ticket ${id} never got there: ${JSON.stringify((await api('GET', `/tickets/${id}`)).body)}`,
    );
  }

  beforeAll(async () => {
    product = await startProduct();
    // A shop of its own: no conversation flow, so only ticket flows speak in the chat.
    shop = await signUpShop(product.url, 'tickets-e2e');
    asShop = shop;
    await publish({ name: 'Resolution SLA', kind: 'custom' }, slaFlow);
    await publish({ name: 'CSAT', kind: 'survey', templateId: 'csat-after-resolution' });
  });
  afterAll(async () => {
    await product?.stop();
  });

  it('runs the SLA flow on create, and on solve the survey asks the customer whose rating lands everywhere', async () => {
    const socket = await WidgetSocket.open(product.wsUrl);
    const session = await socket.hello('visitor-ticket-1', shop.publicKey);

    const created = await api<TicketWire>('POST', '/tickets', {
      subject: 'Broken teapot',
      description: 'Arrived in pieces',
      conversationId: session.conversationId,
      idempotencyKey: 'teapot-1',
    });
    expect(created.status).toBe(201);
    const ticket = created.body;
    expect(ticket.flowRun).toMatchObject({ workflowId: `ticket-${ticket.id}`, status: 'running' });
    // Opening it again (a retried request) is the same ticket and the same single run.
    const again = await api<TicketWire>('POST', '/tickets', {
      subject: 'Broken teapot',
      conversationId: session.conversationId,
      idempotencyKey: 'teapot-1',
    });
    expect(again.body.id).toBe(ticket.id);

    // The SLA timer waits 8 hours unless the ticket is solved first: solving it lets the run go on now.
    const from = socket.frames.length;
    const solved = await api<TicketWire>('PATCH', `/tickets/${ticket.id}`, { status: 'solved' });
    expect(solved.status).toBe(200);
    // The ticket's tags and its timeline entry are two writes: wait for both.
    const met = await ticketWhen(
      ticket.id,
      (d) =>
        d.ticket.tags.includes('sla-met') &&
        d.timeline.some((e) => e.kind === 'changed' && e.field === 'tags' && e.actor.type === 'flow'),
    );
    expect(met.ticket.tags).not.toContain('sla-breached');
    expect(met.timeline).toContainEqual(
      expect.objectContaining({
        kind: 'changed',
        field: 'tags',
        actor: expect.objectContaining({ type: 'flow' }),
      }),
    );

    // The survey template (ticket-updated, status becomes solved) asks in the ticket's conversation.
    await socket.next(isBotText(/Broken teapot.*is solved\. How did we do/), from);
    socket.send({ type: 'message', clientMessageId: 'rating-1', text: '5' });
    await socket.next(isBotText(/Anything we could do better/), from);
    socket.send({ type: 'message', clientMessageId: 'comment-1', text: 'Fast and kind' });
    await socket.next(isBotText(/Thanks for the 5 stars/), from);

    const rated = await ticketWhen(ticket.id, (d) => d.ticket.csat !== undefined);
    expect(rated.ticket.csat).toMatchObject({ rating: 5, comment: 'Fast and kind' });
    expect(rated.timeline).toContainEqual(
      expect.objectContaining({ kind: 'csat', to: 5, actor: { type: 'customer' } }),
    );
    const conversation = await product.models.Conversation.findOne({
      _id: session.conversationId,
      workspaceId: shop.workspaceId,
    }).lean();
    expect(conversation?.csat).toMatchObject({ rating: 5, comment: 'Fast and kind' });
    const contact = await product.models.Contact.findOne({
      _id: conversation?.contactId,
      workspaceId: shop.workspaceId,
    }).lean();
    expect(contact?.lastCsat).toMatchObject({ rating: 5 });
    expect(
      await product.models.SurveyResponse.countDocuments({ workspaceId: shop.workspaceId, rating: 5 }),
    ).toBe(1);

    // Both runs ended and the conversation no longer forwards replies to them; the bot spoke each line once.
    const ended = await ticketWhen(ticket.id, (d) => d.ticket.flowRun?.status === 'ended');
    expect(ended.ticket.flowRun?.status).toBe('ended');
    const links = () =>
      product.models.TicketRunLink.countDocuments({
        workspaceId: shop.workspaceId,
        conversationId: session.conversationId,
      });
    await expect.poll(links).toBe(0);
    const bot = socket.shown('bot').map((m) => m.text);
    expect(bot.filter((t) => /How did we do/.test(t))).toHaveLength(1);
    expect(bot.filter((t) => /Thanks for the 5 stars/.test(t))).toHaveLength(1);
    await socket.close();
  });

  it('starts the ticket-created flow for a ticket a conversation flow opens', async () => {
    const chatShop = await signUpShop(product.url, 'tickets-e2e-chat');
    asShop = chatShop;
    try {
      await publish({ name: 'Resolution SLA', kind: 'custom' }, slaFlow);
      await publish(
        { name: 'Ticket every chat', kind: 'custom' },
        {
          schemaVersion: 1,
          name: 'Ticket every chat',
          kind: 'custom',
          nodes: [
            { id: 'start', type: 'conversation-started', config: {}, position: { x: 0, y: 0 } },
            {
              id: 'ticket',
              type: 'create-ticket',
              config: { subject: 'New chat' },
              position: { x: 0, y: 100 },
            },
            { id: 'end', type: 'end', config: {}, position: { x: 0, y: 200 } },
          ],
          edges: [
            { source: 'start', sourcePort: 'next', target: 'ticket' },
            { source: 'ticket', sourcePort: 'next', target: 'end' },
          ],
        },
      );
      const socket = await WidgetSocket.open(product.wsUrl);
      const session = await socket.hello('visitor-ticket-3', chatShop.publicKey);
      let ticket: TicketWire | undefined;
      for (let i = 0; i < 300 && !ticket?.flowRun; i++) {
        const list = await api<{ items: TicketWire[] }>(
          'GET',
          `/tickets?conversationId=${session.conversationId}`,
        );
        ticket = list.body.items[0];
        if (!ticket?.flowRun) await new Promise((r) => setTimeout(r, 100));
      }
      expect(ticket).toMatchObject({
        source: 'flow',
        subject: 'New chat',
        flowRun: { workflowId: `ticket-${ticket?.id}` },
      });
      await api('PATCH', `/tickets/${ticket!.id}`, { status: 'solved' });
      const met = await ticketWhen(ticket!.id, (d) => d.ticket.tags.includes('sla-met'));
      expect(met.ticket.tags).not.toContain('sla-breached');
      await socket.close();
    } finally {
      asShop = shop;
    }
  });

  it('a low score in the survey opens a high-priority follow-up ticket through the flow', async () => {
    const socket = await WidgetSocket.open(product.wsUrl);
    const session = await socket.hello('visitor-ticket-2', shop.publicKey);
    const created = await api<TicketWire>('POST', '/tickets', {
      subject: 'Late refund',
      conversationId: session.conversationId,
    });
    const ticket = created.body;
    // Reopened after solving: the survey runs once per solving; a rating of 2 opens a follow-up ticket.
    const from = socket.frames.length;
    await api('PATCH', `/tickets/${ticket.id}`, { status: 'solved' });
    await socket.next(isBotText(/Late refund.*How did we do/), from);
    socket.send({ type: 'message', clientMessageId: 'rating-2', text: '2' });
    await socket.next(isBotText(/Anything we could do better/), from);
    socket.send({ type: 'message', clientMessageId: 'comment-2', text: 'Too slow' });
    await socket.next(isBotText(/sorry we let you down/), from);
    const list = await api<{ items: TicketWire[] }>(
      'GET',
      `/tickets?tag=csat-follow-up&conversationId=${session.conversationId}`,
    );
    expect(list.body.items).toEqual([
      expect.objectContaining({
        priority: 'high',
        source: 'flow',
        subject: 'Low satisfaction (2/5): Late refund',
      }),
    ]);
    // Opened by the survey run of a ticket: it starts no ticket-created flow (that could loop).
    expect(list.body.items[0]?.flowRun).toBeUndefined();
    await socket.close();
  });
});
