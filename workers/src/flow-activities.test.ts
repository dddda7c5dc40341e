import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Models } from '@kefu/runtime/models';
import { startTestDatabase, type TestDatabase } from '@kefu/runtime/testing';
import type { Message } from '@kefu/schemas';
import { createActivities } from './activities';
import { contactActivities } from './contact-activities';
import { surveyActivities } from './survey-activities';
import { ticketActivities } from './ticket-activities';

// Real FerretDB: the activities' idempotency rests on how the database answers upserts and updates.
describe('ticket and contact activities', () => {
  let db: TestDatabase;
  let models: Models;
  const workspaceId = String(new Types.ObjectId());
  let conversationId = '';
  let contactId = '';

  beforeAll(async () => {
    db = await startTestDatabase('activities');
    models = db.models;
    await Promise.all([models.Ticket.init(), models.Message.init()]);
    const contact = await models.Contact.create({ workspaceId, visitorId: 'v1', tags: ['new'] });
    contactId = String(contact._id);
    const conversation = await models.Conversation.create({ workspaceId, contactId, channel: 'web' });
    conversationId = String(conversation._id);
  });

  afterAll(async () => {
    await db?.stop();
  });

  const target = (key: string) => ({ workspaceId, conversationId, idempotencyKey: key });

  it('creates one ticket per idempotency key, however often the step is retried', async () => {
    const tickets = ticketActivities(models);
    const input = {
      ...target('run-1/3/0'),
      subject: 'Refund',
      description: '',
      priority: 'high' as const,
      tags: ['vip'],
    };
    const first = await tickets.createTicket(input);
    const again = await tickets.createTicket(input);
    expect(again.ticketId).toBe(first.ticketId);
    expect(await models.Ticket.countDocuments({ workspaceId, idempotencyKey: 'run-1/3/0' })).toBe(1);
    const snapshot = await tickets.getTicket({ ...target('run-1/4/0'), ticketId: first.ticketId });
    expect(snapshot).toMatchObject({ ticketId: first.ticketId, status: 'open', priority: 'high' });
  });

  it('updates a ticket idempotently and records resolution time once', async () => {
    const tickets = ticketActivities(models);
    const { ticketId } = await tickets.createTicket({
      ...target('run-2/1/0'),
      subject: 'Late parcel',
      description: '',
      priority: 'normal',
      tags: [],
    });
    const update = {
      ...target('run-2/2/0'),
      ticketId,
      status: 'solved' as const,
      addTags: ['shipping'],
      note: 'done',
    };
    expect(await tickets.updateTicket(update)).toEqual({ updated: true });
    expect(await tickets.updateTicket(update)).toEqual({ updated: true });
    const doc = await models.Ticket.findOne({ _id: ticketId, workspaceId }).orFail();
    expect(doc.status).toBe('solved');
    expect(doc.tags).toEqual(['shipping']);
    expect(doc.solvedAt).toBeInstanceOf(Date);
    // The retried step recorded its changes and its note once on the ticket's timeline.
    const events = await models.TicketEvent.find({ workspaceId, ticketId }).sort({ at: 1 }).lean();
    expect(events.map((e) => [e.kind, e.field ?? e.text])).toEqual([
      ['created', undefined],
      ['changed', 'status'],
      ['changed', 'tags'],
      ['note', 'done'],
    ]);
    expect(events[1]).toMatchObject({ from: 'open', to: 'solved', actor: { type: 'flow', runId: 'run-2' } });
  });

  it('does not find or touch a ticket of another workspace or a malformed id', async () => {
    const tickets = ticketActivities(models);
    const { ticketId } = await tickets.createTicket({
      ...target('run-3/1/0'),
      subject: 'Mine',
      description: '',
      priority: 'low',
      tags: [],
    });
    const stranger = { workspaceId: String(new Types.ObjectId()), conversationId, idempotencyKey: 'x/1/0' };
    expect(await tickets.getTicket({ ...stranger, ticketId })).toBeNull();
    expect(await tickets.updateTicket({ ...stranger, ticketId, status: 'closed' })).toEqual({
      updated: false,
    });
    expect(
      await tickets.updateTicket({ ...target('run-3/2/0'), ticketId: '{{oops}}', status: 'closed' }),
    ).toEqual({
      updated: false,
    });
  });

  it("gives a created ticket the step's team and agent, and leaves out ones gone since publish", async () => {
    const tickets = ticketActivities(models);
    const team = await models.Team.create({ workspaceId, key: 'after-sales', name: 'After-sales' });
    const agent = await models.User.create({
      workspaceId,
      email: `agent-${workspaceId}@shop.test`,
      name: 'Li',
      passwordHash: 'x',
      roles: ['agent'],
    });
    const gone = await models.User.create({
      workspaceId,
      email: `gone-${workspaceId}@shop.test`,
      name: 'Gone',
      passwordHash: 'x',
      roles: ['agent'],
      disabled: true,
    });
    const base = { description: '', priority: 'normal' as const, tags: [] };
    const assigned = await tickets.createTicket({
      ...target('run-6/1/0'),
      ...base,
      subject: 'Return',
      teamKey: 'after-sales',
      assigneeId: String(agent._id),
    });
    const doc = await models.Ticket.findOne({ _id: assigned.ticketId, workspaceId }).orFail();
    expect(String(doc.teamId)).toBe(String(team._id));
    expect(String(doc.assigneeId)).toBe(String(agent._id));

    const orphan = await tickets.createTicket({
      ...target('run-6/2/0'),
      ...base,
      subject: 'Return',
      teamKey: 'deleted-team',
      assigneeId: String(gone._id),
    });
    const unassigned = await models.Ticket.findOne({ _id: orphan.ticketId, workspaceId }).orFail();
    expect(unassigned.teamId).toBeUndefined();
    expect(unassigned.assigneeId).toBeUndefined();
  });

  it('stores a bot message with its quick replies once and delivers them to the widget', async () => {
    const delivered: Message[] = [];
    const activities = createActivities({ models, deliver: async (m) => void delivered.push(m) });
    const input = {
      ...target('run-5/1/0'),
      text: 'Rate us',
      quickReplies: [{ label: '5' }, { label: 'Bad', value: '1' }],
    };
    const first = await activities.sendMessage(input);
    const again = await activities.sendMessage(input);
    expect(again.messageId).toBe(first.messageId);
    expect(delivered[0]).toMatchObject({
      text: 'Rate us',
      quickReplies: [{ label: '5' }, { label: 'Bad', value: '1' }],
    });
    const plain = await activities.sendMessage({ ...target('run-5/2/0'), text: 'Hi' });
    expect(delivered.find((m) => m.id === plain.messageId)).not.toHaveProperty('quickReplies');
  });

  it('sets contact attributes and tags, and closes the conversation', async () => {
    const contacts = contactActivities(models);
    const input = {
      ...target('run-4/1/0'),
      attributes: { plan: 'gold' },
      addTags: ['vip'],
      removeTags: ['new'],
    };
    await contacts.updateContact(input);
    await contacts.updateContact(input);
    const contact = await models.Contact.findOne({ _id: contactId, workspaceId }).orFail();
    expect(contact.attributes).toEqual({ plan: 'gold' });
    expect(contact.tags).toEqual(['vip']);
    expect(await contacts.closeConversation({ ...target('run-4/2/0') })).toEqual({ closed: true });
    const conversation = await models.Conversation.findOne({ _id: conversationId, workspaceId }).orFail();
    expect(conversation.status).toBe('closed');
  });

  it('records a satisfaction answer once for analytics, and on the conversation and the contact', async () => {
    const survey = surveyActivities(models);
    const input = { ...target('run-9/7/0'), rating: 2, comment: 'The parcel came late' };
    await survey.recordSatisfaction(input);
    await survey.recordSatisfaction(input);
    const responses = await models.SurveyResponse.find({ workspaceId, conversationId }).lean();
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatchObject({ rating: 2, comment: 'The parcel came late' });
    expect(String(responses[0]!.contactId)).toBe(contactId);
    const conversation = await models.Conversation.findOne({ _id: conversationId, workspaceId }).lean();
    expect(conversation?.csat).toMatchObject({ rating: 2, comment: 'The parcel came late' });
    const contact = await models.Contact.findOne({ _id: contactId, workspaceId }).lean();
    expect(contact?.lastCsat?.rating).toBe(2);
  });
});
