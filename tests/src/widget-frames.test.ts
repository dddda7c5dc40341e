import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentServerFrame } from '@kefu/schemas/api';
import { startProduct, type RunningProduct } from './support/product';
import { inviteAgent } from './support/invite-agent';
import { callApi, signUpShop, type Shop } from './support/shop';
import { WidgetSocket } from './support/widget-socket';

// The widget's typing and offline-form frames over real sockets: the customer's typing reaches the
// agents who see the conversation, and the offline form opens one ticket however often it is sent.
describe('widget typing and offline form frames', () => {
  let product: RunningProduct;
  let shop: Shop;
  beforeAll(async () => {
    product = await startProduct();
    shop = await signUpShop(product.url, 'frames');
  });
  afterAll(async () => await product?.stop());

  it("forwards the customer's typing to the agent socket of an owner", async () => {
    const agentFrames: AgentServerFrame[] = [];
    const agent = new WebSocket(`${product.url.replace('http', 'ws')}/ws/agent`, {
      headers: { cookie: shop.cookie },
    });
    agent.on('message', (data) => agentFrames.push(JSON.parse(data.toString()) as AgentServerFrame));
    await expect.poll(() => agentFrames.some((f) => f.type === 'ready')).toBe(true);
    const widget = await WidgetSocket.open(product.wsUrl);
    try {
      const session = await widget.hello('typing-visitor-1', shop.publicKey);
      widget.send({ type: 'typing', typing: true });
      await expect
        .poll(() => agentFrames.find((f) => f.type === 'contact.typing'))
        .toEqual({ type: 'contact.typing', conversationId: session.conversationId, typing: true });
    } finally {
      agent.close();
      await widget.close();
    }
  });

  it('opens one ticket per offline form however often it is resent, and refuses a bad email by name', async () => {
    const widget = await WidgetSocket.open(product.wsUrl);
    try {
      const session = await widget.hello('offline-visitor-1', shop.publicKey);
      const form = {
        type: 'offline-form',
        requestId: 'form-0000001',
        email: 'ann@example.com',
        message: 'Call me back',
      };
      widget.send(form);
      const first = await widget.next((f) => f.type === 'offline-form-received');
      widget.send(form);
      const from = widget.frames.indexOf(first) + 1;
      const second = await widget.next((f) => f.type === 'offline-form-received', from);
      expect(second).toEqual(first);
      const tickets = await product.models.Ticket.find({ workspaceId: shop.workspaceId }).lean();
      expect(tickets.map((t) => [String(t._id), t.source, String(t.conversationId)])).toEqual([
        [(first as { ticketId: string }).ticketId, 'offline-form', session.conversationId],
      ]);

      widget.send({ ...form, requestId: 'form-0000002', email: 'nope' });
      const refused = await widget.next((f) => f.type === 'error');
      expect(refused).toMatchObject({ statusCode: 400, field: '/email' });
      expect(await product.models.Ticket.countDocuments({ workspaceId: shop.workspaceId })).toBe(1);
    } finally {
      await widget.close();
    }
  });

  it('neutralises a formula that arrives through the offline form in the contacts export (CSV injection)', async () => {
    const attack = "=cmd|'/Ccalc'!A0@x.co";
    const widget = await WidgetSocket.open(product.wsUrl);
    try {
      await widget.hello('offline-visitor-csv', shop.publicKey);
      widget.send({
        type: 'offline-form',
        requestId: 'form-csv-0001',
        name: '@SUM(1+1)*cmd',
        email: attack,
        message: 'hi',
      });
      await widget.next((f) => f.type === 'offline-form-received');
    } finally {
      await widget.close();
    }
    const res = await fetch(`${product.url}/contacts/export`, { headers: { cookie: shop.cookie } });
    expect(res.status).toBe(200);
    const rows = (await res.text()).split('\n').filter((line) => line.includes('cmd'));
    expect(rows).toHaveLength(1);
    // The export masks personal data (docs/privacy.md): the address's name part is masked, and what
    // is left of it still starts with the quote that keeps a spreadsheet from running it.
    expect(rows[0]).toContain(`,'@SUM(1+1)*cmd,'=***@x.co,`);
    expect(rows[0]).not.toContain(attack);
    // No cell of the row starts with what a spreadsheet would run.
    expect(rows[0]!.split(',').filter((cell) => /^"?[=+\-@\t\r]/.test(cell))).toEqual([]);
  });

  it("shows the customer the agent's typing: the assignee or an owner only, never across workspaces", async () => {
    const widget = await WidgetSocket.open(product.wsUrl);
    try {
      const session = await widget.hello('typing-visitor-2', shop.publicKey);
      const agent = await inviteAgent(product.url, shop, 'typist');
      const path = `/conversations/${session.conversationId}/typing`;
      // Not assigned to this agent: refused, and the customer sees nothing.
      expect((await callApi(product.url, agent, 'POST', path, { typing: true })).status).toBe(403);
      await product.models.Conversation.updateOne(
        { _id: session.conversationId, workspaceId: shop.workspaceId },
        // The inbox's top-level copies go with the assignee (runtime/src/models/inbox-keys.ts).
        {
          $set: {
            assignee: { agentId: agent.userId, at: new Date() },
            assigneeId: agent.userId,
            inboxKey: agent.userId,
          },
        },
      );
      expect((await callApi(product.url, agent, 'POST', path, { typing: true })).status).toBe(204);
      const typing = await widget.next((f) => f.type === 'typing');
      expect(typing).toEqual({ type: 'typing', typing: true });
      expect((await callApi(product.url, shop, 'POST', path, { typing: false })).status).toBe(204);
      await widget.next((f) => f.type === 'typing' && !f.typing);

      const stranger = await signUpShop(product.url, 'stranger');
      expect((await callApi(product.url, stranger, 'POST', path, { typing: true })).status).toBe(404);
      expect((await callApi(product.url, agent, 'POST', path, { typing: 'yes' })).status).toBe(400);
      expect(widget.frames.filter((f) => f.type === 'typing')).toHaveLength(2);
    } finally {
      await widget.close();
    }
  });
});
