import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, ContactWire, Page, TicketCounts } from '@kefu/schemas/api';
import { startProduct, type RunningProduct } from './support/product';
import { callApi } from './support/shop';
import { inviteAgent, signUpStaffShop, type StaffShop } from './support/staff';
import { lineDraft, publishFlow } from './support/publish-flow';
import { isBotText, WidgetSocket } from './support/widget-socket';
import { scanForTraces } from './support/trace-scan';

/**
 * A customer's rights on the real servers (docs/privacy.md): a contact made through the widget with
 * two conversations (one from a visitor merged into it), messages quoting the customer's name, email
 * and phone, a note, a ticket, a rating and flow runs; exported as JSON with all of it; deleted; then
 * every document of every collection, read through the raw driver, holds none of the contact's ids,
 * name, email or phone, while the flow runs stay (masked) and another customer is untouched.
 */
const NAME = 'Zhang Weiming';
const EMAIL = 'zhang.weiming@example.com';
const PHONE = '+86 138 0013 8000';
const PHONE_DIGITS = '13800138000';

let product: RunningProduct;
let owner: StaffShop;
let agent: StaffShop;
let flowId: string;

beforeAll(async () => {
  product = await startProduct();
  owner = await signUpStaffShop(product.url, 'erase');
  agent = await inviteAgent(product.url, owner, 'EraseAgent', ['agent']);
  ({ flowId } = await publishFlow(
    product.url,
    owner,
    lineDraft('Echo', [
      { id: 'msg', type: 'message-received', config: {} },
      { id: 'reply', type: 'send-message', config: { text: 'Echo: {{message.text}}' } },
      { id: 'done', type: 'end', config: {} },
    ]),
  ));
  const entry = await callApi(product.url, owner, 'PUT', `/flows/${flowId}/entry`, {});
  expect(entry.status, JSON.stringify(entry.body)).toBe(200);
}, 120_000);
afterAll(async () => await product?.stop());

const api = <T>(who: StaffShop, method: string, path: string, body?: unknown) =>
  callApi<T>(product.url, who, method, path, body);

/** A widget visitor says `text`, gets the echo, and leaves; the conversation and contact ids. */
async function chat(visitor: string, text: string) {
  const socket = await WidgetSocket.open(product.wsUrl);
  try {
    const session = await socket.hello(visitor, owner.publicKey);
    const from = socket.frames.length;
    socket.send({ type: 'message', clientMessageId: `${visitor}-1`, text });
    await socket.next(isBotText(/^Echo: /), from);
    const conversation = await product.models.Conversation.findOne({
      workspaceId: owner.workspaceId,
      _id: session.conversationId,
    }).lean();
    return { conversationId: session.conversationId, contactId: String(conversation!.contactId) };
  } finally {
    await socket.close();
  }
}

/** Waits (in a beforeAll, where expect.poll is not allowed) until the conversation's runs have ended. */
async function ended(conversationId: string) {
  for (;;) {
    const runs = await product.models.FlowRun.find({ workspaceId: owner.workspaceId, conversationId }).lean();
    if (runs.length > 0 && runs.every((r) => r.status !== 'running')) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('export and delete one contact', () => {
  let contactId: string;
  let mergedId: string;
  let conversations: string[];
  let keptContactId: string;

  beforeAll(async () => {
    const first = await chat(
      'erase-visitor-a',
      `Hi, I am ${NAME}, write to ${EMAIL} or call ${PHONE_DIGITS}`,
    );
    const second = await chat('erase-visitor-b', `${NAME} again, my phone is ${PHONE}`);
    const kept = await chat('erase-visitor-kept', 'Someone else entirely');
    contactId = first.contactId;
    mergedId = second.contactId;
    keptContactId = kept.contactId;
    conversations = [first.conversationId, second.conversationId];
    for (const c of [...conversations, kept.conversationId]) await ended(c);

    for (const id of [contactId, mergedId]) {
      const patched = await api(owner, 'PATCH', `/contacts/${id}`, {
        name: NAME,
        email: EMAIL,
        phone: PHONE,
      });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    }
    const merged = await api(owner, 'POST', `/contacts/${contactId}/merge`, { mergeIds: [mergedId] });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    const note = await api(owner, 'POST', `/conversations/${first.conversationId}/notes`, {
      text: `${NAME} asked for a refund, call ${PHONE}`,
    });
    expect(note.status, JSON.stringify(note.body)).toBe(200);
    const ticket = await api(owner, 'POST', '/tickets', {
      subject: `Refund for ${NAME}`,
      description: `Reach them at ${EMAIL}`,
      conversationId: first.conversationId,
    });
    expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
    await product.models.SurveyResponse.create({
      workspaceId: owner.workspaceId,
      conversationId: first.conversationId,
      contactId,
      rating: 2,
      comment: `${NAME} was not happy`,
      idempotencyKey: `erase-test-survey-${contactId}`,
    });
    for (const c of [...conversations, kept.conversationId]) {
      const resolved = await api(owner, 'POST', `/conversations/${c}/resolve`, {});
      expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    }
  }, 180_000);

  it('exports everything about the contact as JSON, to owners only', async () => {
    const res = await fetch(`${product.url}/contacts/${contactId}/export`, {
      headers: { cookie: owner.cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`contact-${contactId}.json`);
    const data = (await res.json()) as {
      contact: { _id: string; email: string };
      mergedContacts: { _id: string }[];
      conversations: { _id: string; messages: { text: string }[]; notes: { text: string }[] }[];
      tickets: { subject: string; events: unknown[] }[];
      surveyResponses: { comment: string }[];
      runs: { contactId?: string; steps: unknown[] }[];
    };
    expect(data.contact).toMatchObject({ _id: contactId, email: EMAIL });
    expect(data.mergedContacts.map((c) => c._id)).toEqual([mergedId]);
    expect(data.conversations.map((c) => c._id).sort()).toEqual([...conversations].sort());
    const texts = data.conversations.flatMap((c) => c.messages.map((m) => m.text));
    expect(texts).toContain(`Hi, I am ${NAME}, write to ${EMAIL} or call ${PHONE_DIGITS}`);
    expect(texts).toContain(`${NAME} again, my phone is ${PHONE}`);
    expect(texts.some((t) => t.startsWith('Echo: '))).toBe(true);
    expect(data.conversations.flatMap((c) => c.notes.map((n) => n.text))).toEqual([
      `${NAME} asked for a refund, call ${PHONE}`,
    ]);
    expect(data.tickets.map((t) => t.subject)).toEqual([`Refund for ${NAME}`]);
    expect(data.tickets[0]!.events.length).toBeGreaterThan(0);
    expect(data.surveyResponses.map((s) => s.comment)).toEqual([`${NAME} was not happy`]);
    expect(data.runs.length).toBeGreaterThanOrEqual(2);
    expect(data.runs.every((r) => r.steps.length > 0)).toBe(true);

    expect((await api(agent, 'GET', `/contacts/${contactId}/export`)).status).toBe(403);
    const unknown = await api<{ field: string }>(owner, 'GET', '/contacts/0123456789abcdef01234567/export');
    expect(unknown.status).toBe(404);
    expect(unknown.body.field).toBe('params/id');
  });

  it('refuses a deletion by a non-owner, without confirmation, or of an unknown contact', async () => {
    expect((await api(agent, 'DELETE', `/contacts/${contactId}?confirm=${contactId}`)).status).toBe(403);
    const unconfirmed = await api<{ field: string }>(
      owner,
      'DELETE',
      `/contacts/${contactId}?confirm=${keptContactId}`,
    );
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body.field).toBe('querystring/confirm');
    const missing = await api<{ field: string }>(owner, 'DELETE', `/contacts/${contactId}`);
    expect(missing.status).toBe(400);
    const unknownId = '0123456789abcdef01234567';
    expect((await api(owner, 'DELETE', `/contacts/${unknownId}?confirm=${unknownId}`)).status).toBe(404);
  });

  it('deletes the contact everywhere: no collection holds its ids, name, email or phone', async () => {
    const before = await api<Page<ContactWire>>(owner, 'GET', '/contacts');
    const ticketsBefore = await api<TicketCounts>(owner, 'GET', '/tickets/counts');
    expect(ticketsBefore.body.open).toBe(1);
    const runsBefore = await product.models.FlowRun.find({ workspaceId: owner.workspaceId, flowId }).lean();

    const res = await api<{ erased: Record<string, number> }>(
      owner,
      'DELETE',
      `/contacts/${contactId}?confirm=${contactId}`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.erased).toMatchObject({
      contacts: 2,
      conversations: 2,
      tickets: 1,
      notes: 1,
      surveyResponses: 1,
    });
    expect(res.body.erased.messages).toBeGreaterThanOrEqual(4);
    expect(res.body.erased.runsMasked).toBeGreaterThanOrEqual(2);

    const needles = [contactId, mergedId, NAME, ...NAME.split(' '), EMAIL, PHONE, PHONE_DIGITS];
    expect(await scanForTraces(product.models.Contact.db, needles)).toEqual([]);

    // The other customer, the counts and the lists are as they should be.
    const after = await api<Page<ContactWire>>(owner, 'GET', '/contacts');
    expect(after.body.total).toBe(before.body.total! - 1);
    expect(after.body.items.map((c) => c.id)).toContain(keptContactId);
    expect(after.body.items.map((c) => c.id)).not.toContain(contactId);
    expect((await api<TicketCounts>(owner, 'GET', '/tickets/counts')).body).toMatchObject({
      open: 0,
      unassigned: 0,
    });
    expect((await api(owner, 'GET', `/contacts/${contactId}`)).status).toBe(404);
    // The flow's runs stay for its analytics, with nothing that points at the customer.
    const runsAfter = await product.models.FlowRun.find({ workspaceId: owner.workspaceId, flowId }).lean();
    expect(runsAfter.length).toBe(runsBefore.length);

    const audit = await api<Page<AuditEntry>>(owner, 'GET', '/audit');
    const deleted = audit.body.items.find((e) => e.action === 'contact.delete');
    expect(deleted?.target.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(audit.body.items.some((e) => e.action === 'contact.export')).toBe(true);

    // Deleting again: the contact is gone.
    expect((await api(owner, 'DELETE', `/contacts/${contactId}?confirm=${contactId}`)).status).toBe(404);
  });
});
