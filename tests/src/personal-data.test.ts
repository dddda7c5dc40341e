import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ContactDetail,
  ContactReveal,
  ContactWire,
  Page,
  TicketDetail,
  TicketWire,
  User,
} from '@kefu/schemas/api';
import { addMember, signUp, startAccessApp, type AccessApp, type Member } from './access/access-app';

// "View personal data" (docs/privacy.md) on the real database through `inject`: what each reader
// gets from contacts and tickets with and without it, the owner's audited grant and revoke, the
// audited reveal and its refusals, and the always-masked contacts export.
let ctx: AccessApp;
let owner: Member;
let agent: Member;
let other: Member;

const call = async <T>(who: Member, method: string, url: string, payload?: unknown) => {
  const res = await ctx.app.inject({
    method: method as 'GET',
    url,
    headers: { cookie: who.cookie },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
  const json = (res.headers['content-type'] ?? '').toString().includes('json');
  return { status: res.statusCode, body: (json ? JSON.parse(res.body) : null) as T, raw: res.body };
};

const PHONE = '13812345678';
const EMAIL = 'li.na@customer.test';
let contactId: string;

const audits = async (action: string) =>
  await ctx.models.AuditEntry.find({ workspaceId: owner.workspaceId, action }).lean();
const grant = async (allowed: boolean) =>
  await call<User>(owner, 'PATCH', `/users/${agent.userId}`, { viewPersonalData: allowed });

beforeAll(async () => {
  ctx = await startAccessApp();
  owner = await signUp(ctx.app, 'pii');
  agent = await addMember(ctx.app, owner, ['agent']);
  other = await signUp(ctx.app, 'pii-other');
  const doc = await ctx.models.Contact.create({
    workspaceId: owner.workspaceId,
    visitorId: `visitor-pii-${Date.now()}`,
    name: 'Li Na',
    email: EMAIL,
    phone: PHONE,
    attributes: { note: `call ${PHONE}` },
  });
  contactId = String(doc._id);
});
afterAll(async () => await ctx?.stop());

describe('view personal data', () => {
  it('masks contact fields and ticket text for an agent without it, and an owner sees them in clear', async () => {
    const ticket = await call<TicketWire>(owner, 'POST', '/tickets', {
      subject: `Refund to card 4111 1111 1111 1111`,
      description: `Please call me on ${PHONE} or write to ${EMAIL}`,
    });
    expect(ticket.status).toBe(201);

    const masked = await call<ContactDetail>(agent, 'GET', `/contacts/${contactId}`);
    expect(masked.status).toBe(200);
    expect(masked.body.contact).toMatchObject({
      phone: '138****5678',
      email: 'l***@customer.test',
      masked: true,
    });
    expect(masked.raw).not.toContain(PHONE);
    expect(masked.raw).not.toContain(EMAIL);
    const list = await call<Page<ContactWire>>(agent, 'GET', '/contacts');
    expect(list.raw).not.toContain(PHONE);
    expect(list.body.items.find((c) => c.id === contactId)?.email).toBe('l***@customer.test');
    const agentTicket = await call<TicketDetail>(agent, 'GET', `/tickets/${ticket.body.id}`);
    expect(agentTicket.body.ticket.description).toBe(
      'Please call me on 138****5678 or write to l***@customer.test',
    );
    expect(agentTicket.body.ticket.subject).toBe('Refund to card **** 1111');

    const clear = await call<ContactDetail>(owner, 'GET', `/contacts/${contactId}`);
    expect(clear.body.contact).toMatchObject({ phone: PHONE, email: EMAIL });
    expect(clear.body.contact.masked).toBeUndefined();
    const ownerTicket = await call<TicketDetail>(owner, 'GET', `/tickets/${ticket.body.id}`);
    expect(ownerTicket.body.ticket.description).toContain(PHONE);
  });

  it('refuses a reveal and a change of a hidden field to an agent without it, in the one error shape', async () => {
    const reveal = await call<Record<string, unknown>>(agent, 'POST', `/contacts/${contactId}/reveal`);
    expect(reveal.status).toBe(403);
    expect(reveal.body).toMatchObject({ statusCode: 403, code: 'KEFU_ERR_FORBIDDEN' });
    const edit = await call<Record<string, unknown>>(agent, 'PATCH', `/contacts/${contactId}`, {
      phone: '13900001111',
    });
    expect(edit.status).toBe(403);
    expect(edit.body).toMatchObject({ code: 'KEFU_ERR_FORBIDDEN', field: 'body/phone' });
    expect(
      (await ctx.models.Contact.findOne({ _id: contactId, workspaceId: owner.workspaceId }).lean())?.phone,
    ).toBe(PHONE);
    expect(await audits('contact.reveal')).toHaveLength(0);
  });

  it('is granted and revoked by an owner, audited, and never taken from an owner', async () => {
    const granted = await grant(true);
    expect(granted.status).toBe(200);
    expect(granted.body.viewPersonalData).toBe(true);
    expect(await audits('user.personal-data.grant')).toMatchObject([
      { actorId: expect.anything(), targetId: agent.userId, after: { viewPersonalData: true } },
    ]);
    const seen = await call<ContactDetail>(agent, 'GET', `/contacts/${contactId}`);
    expect(seen.body.contact).toMatchObject({ phone: PHONE, email: EMAIL });

    const byAgent = await call<Record<string, unknown>>(agent, 'PATCH', `/users/${agent.userId}`, {
      viewPersonalData: true,
    });
    expect(byAgent.status).toBe(403);
    const fromOwner = await call<Record<string, unknown>>(owner, 'PATCH', `/users/${owner.userId}`, {
      viewPersonalData: false,
    });
    expect(fromOwner.status).toBe(400);
    expect(fromOwner.body).toMatchObject({ code: 'KEFU_ERR_VALIDATION', field: 'body/viewPersonalData' });
  });

  it('reveals a masked panel with an audit entry; unknown and foreign ids are 404', async () => {
    const panel = await call<ContactDetail>(agent, 'GET', `/contacts/${contactId}?masked=true`);
    expect(panel.body.contact).toMatchObject({ phone: '138****5678', masked: true });
    expect(panel.raw).not.toContain(PHONE);

    const reveal = await call<ContactReveal>(agent, 'POST', `/contacts/${contactId}/reveal`);
    expect(reveal.status).toBe(200);
    expect(reveal.body).toEqual({
      id: contactId,
      email: EMAIL,
      phone: PHONE,
      attributes: { note: `call ${PHONE}` },
    });
    const entries = await audits('contact.reveal');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorEmail: agent.email,
      targetType: 'contact',
      targetId: contactId,
      after: { fields: ['email', 'phone', 'attributes'] },
    });

    const unknown = await call<Record<string, unknown>>(
      agent,
      'POST',
      '/contacts/64b000000000000000000000/reveal',
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'KEFU_ERR_NOT_FOUND', field: 'params/id' });
    const foreign = await call<Record<string, unknown>>(other, 'POST', `/contacts/${contactId}/reveal`);
    expect(foreign.status).toBe(404);
    expect(await audits('contact.reveal')).toHaveLength(1);
  });

  it('masks again once revoked, and the contacts export is masked even for an owner', async () => {
    expect((await grant(false)).body.viewPersonalData).toBe(false);
    expect(await audits('user.personal-data.revoke')).toHaveLength(1);
    const again = await call<ContactDetail>(agent, 'GET', `/contacts/${contactId}`);
    expect(again.raw).not.toContain(PHONE);

    const csv = await call<string>(owner, 'GET', '/contacts/export');
    expect(csv.status).toBe(200);
    expect(csv.raw).toContain('138****5678');
    expect(csv.raw).not.toContain(PHONE);
    expect(csv.raw).not.toContain(EMAIL);
  });
});
