import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connection, type Client } from '@temporalio/client';
import { Types } from 'mongoose';
import { RETENTION_SCHEDULE_ID, type Page, type TicketCounts } from '@kefu/schemas/api';
import { ensureRetentionSchedule } from '@kefu/runtime/privacy';
import { startProduct, type RunningProduct } from './support/product';
import { callApi } from './support/shop';
import { inviteAgent, signUpStaffShop, type StaffShop } from './support/staff';
import { productTemporal } from './support/product-temporal';

/**
 * The retention period on the real servers (docs/privacy.md "Retention"): history made 40 days ago
 * (createdAt set through the raw driver) and today; with a 30-day period the daily schedule's
 * workflow, run by the worker on the Temporal dev server, deletes the old closed conversations with
 * their messages, notes, ratings and deliveries, the old solved tickets with their events and the old
 * ended runs with their steps; it keeps what is new or not finished, the lists and counts stay right,
 * and a second sweep deletes nothing.
 */
const DAY = 24 * 60 * 60_000;
let product: RunningProduct;
let owner: StaffShop;
let agent: StaffShop;
let temporal: Connection;
let client: Client;

beforeAll(async () => {
  product = await startProduct();
  owner = await signUpStaffShop(product.url, 'retention');
  agent = await inviteAgent(product.url, owner, 'RetentionAgent', ['agent']);
  temporal = await Connection.connect({ address: product.env.TEMPORAL_ADDRESS! });
  client = productTemporal(temporal, product.env);
}, 120_000);
afterAll(async () => {
  await client?.schedule
    .getHandle(RETENTION_SCHEDULE_ID)
    .delete()
    .catch(() => {});
  await temporal?.close();
  await product?.stop();
});

const api = <T>(who: StaffShop, method: string, path: string, body?: unknown) =>
  callApi<T>(product.url, who, method, path, body);

describe('retention period', () => {
  it('is an owner setting between 30 days and 10 years, or forever', async () => {
    expect((await api(owner, 'GET', '/workspace/retention')).body).toEqual({ days: null });
    for (const days of [5, 4000, 30.5]) {
      const bad = await api<{ field: string; code: string }>(owner, 'PUT', '/workspace/retention', { days });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ code: 'KEFU_ERR_VALIDATION', field: 'body/days' });
    }
    expect((await api(agent, 'PUT', '/workspace/retention', { days: 30 })).status).toBe(403);
    expect((await api(agent, 'GET', '/workspace/retention')).status).toBe(403);
    expect((await api(owner, 'PUT', '/workspace/retention', { days: 365 })).body).toEqual({ days: 365 });
    expect((await api(owner, 'PUT', '/workspace/retention', { days: null })).body).toEqual({ days: null });
  });

  it('deletes what is older than the period, keeps the rest, and a second sweep deletes nothing', async () => {
    const m = product.models;
    const workspaceId = new Types.ObjectId(owner.workspaceId);
    const old = new Date(Date.now() - 40 * DAY);
    const contact = await m.Contact.create({
      workspaceId,
      visitorId: 'retention-visitor',
      name: 'Old Customer',
    });
    const flowId = new Types.ObjectId();

    // Made first (lists are in the order things were stored), then dated 40 days back.
    async function conversation(status: 'open' | 'closed', label: string) {
      const c = await m.Conversation.create({ workspaceId, contactId: contact._id, channel: 'web', status });
      await m.Message.create({
        workspaceId,
        conversationId: c._id,
        author: 'customer',
        text: `${label} message`,
        idempotencyKey: `${label}-message`,
      });
      await m.Note.create({
        workspaceId,
        conversationId: c._id,
        authorId: owner.userId,
        text: `${label} note`,
        idempotencyKey: `${label}-note`,
      });
      await m.SurveyResponse.create({
        workspaceId,
        conversationId: c._id,
        contactId: contact._id,
        rating: 4,
        idempotencyKey: `${label}-survey`,
      });
      await m.OutboundDelivery.create({
        _id: new Types.ObjectId(),
        workspaceId,
        conversationId: c._id,
        channel: 'api',
        target: 'endpoint',
        status: 'sent',
      });
      return String(c._id);
    }
    async function ticket(status: 'open' | 'solved' | 'closed', label: string) {
      const t = await m.Ticket.create({
        workspaceId,
        subject: label,
        status,
        idempotencyKey: `${label}-ticket`,
      });
      await m.TicketEvent.create({
        workspaceId,
        ticketId: t._id,
        kind: 'created',
        actor: { type: 'system' },
        at: new Date(),
        idempotencyKey: `${label}-event`,
      });
      return String(t._id);
    }
    async function run(status: 'running' | 'completed', label: string) {
      const r = await m.FlowRun.create({
        workspaceId,
        runId: `${label}-run`,
        workflowId: `${label}-wf`,
        flowId,
        version: 1,
        status,
        startedAt: new Date(),
        steps: 1,
      });
      await m.RunStep.create({
        workspaceId,
        runId: `${label}-run`,
        step: 1,
        nodeId: 'start',
        nodeType: 'message-received',
        enteredAt: new Date(),
        leftAt: new Date(),
      });
      return String(r._id);
    }
    const oldClosed = [
      await conversation('closed', 'old-closed-1'),
      await conversation('closed', 'old-closed-2'),
    ];
    const oldOpen = await conversation('open', 'old-open');
    const oldSolved = [await ticket('solved', 'old-solved'), await ticket('closed', 'old-closed')];
    const oldOpenTicket = await ticket('open', 'old-open');
    const oldRuns = [await run('completed', 'old-done-1'), await run('completed', 'old-done-2')];
    const oldRunning = await run('running', 'old-running');
    const raw = (
      model: { collection: { updateMany: (f: object, u: object) => Promise<unknown> } },
      ids: string[],
      field = 'createdAt',
    ) =>
      model.collection.updateMany(
        { _id: { $in: ids.map((id) => new Types.ObjectId(id)) } },
        { $set: { [field]: old } },
      );
    await raw(m.Conversation, [...oldClosed, oldOpen]);
    await raw(m.Ticket, [...oldSolved, oldOpenTicket]);
    await raw(m.FlowRun, [...oldRuns, oldRunning], 'startedAt');
    const newClosed = await conversation('closed', 'new-closed');
    const newSolved = await ticket('solved', 'new-solved');
    const newRun = await run('completed', 'new-done');
    const countsBefore = (await api<TicketCounts>(owner, 'GET', '/tickets/counts')).body;
    expect(countsBefore.open).toBe(1);

    expect((await api(owner, 'PUT', '/workspace/retention', { days: 30 })).status).toBe(200);
    // The daily schedule, triggered now: its workflow sweeps every workspace with a period.
    expect(await ensureRetentionSchedule(client, product.env.KEFU_TASK_QUEUE!)).not.toBe('updated');
    const schedule = client.schedule.getHandle(RETENTION_SCHEDULE_ID);
    const described = await schedule.describe();
    expect(described.action).toMatchObject({
      workflowType: 'retentionSweep',
      taskQueue: product.env.KEFU_TASK_QUEUE,
    });
    await schedule.trigger();
    await expect
      .poll(async () => await m.Conversation.findOne({ workspaceId, _id: oldClosed[1] }).lean(), {
        timeout: 60_000,
      })
      .toBeNull();
    await expect
      .poll(async () => await m.FlowRun.findOne({ workspaceId, _id: oldRuns[1] }).lean(), { timeout: 60_000 })
      .toBeNull();
    await expect
      .poll(async () => await m.Ticket.findOne({ workspaceId, _id: oldSolved[1] }).lean(), {
        timeout: 60_000,
      })
      .toBeNull();

    const gone = async (model: { find: (f: object) => { lean: () => Promise<unknown[]> } }, filter: object) =>
      (await model.find({ workspaceId, ...filter }).lean()).length;
    for (const id of oldClosed) {
      expect(await gone(m.Conversation, { _id: id })).toBe(0);
      for (const child of [m.Message, m.Note, m.SurveyResponse, m.OutboundDelivery])
        expect(await gone(child as never, { conversationId: id })).toBe(0);
    }
    for (const id of oldSolved) {
      expect(await gone(m.Ticket, { _id: id })).toBe(0);
      expect(await gone(m.TicketEvent, { ticketId: id })).toBe(0);
    }
    for (const label of ['old-done-1', 'old-done-2'])
      expect(await gone(m.RunStep, { runId: `${label}-run` })).toBe(0);
    // Kept: not finished, or within the period, each with its children.
    for (const id of [oldOpen, newClosed]) {
      expect(await gone(m.Conversation, { _id: id })).toBe(1);
      expect(await gone(m.Message, { conversationId: id })).toBe(1);
      expect(await gone(m.Note, { conversationId: id })).toBe(1);
    }
    for (const id of [oldOpenTicket, newSolved]) expect(await gone(m.Ticket, { _id: id })).toBe(1);
    for (const id of [oldRunning, newRun]) expect(await gone(m.FlowRun, { _id: id })).toBe(1);
    expect(await gone(m.Contact, { _id: contact._id })).toBe(1);

    // Lists and counts read as they should over the gaps.
    expect((await api<TicketCounts>(owner, 'GET', '/tickets/counts')).body).toEqual(countsBefore);
    const tickets = await api<Page<{ id: string }>>(owner, 'GET', '/tickets');
    expect(tickets.body.items.map((t) => t.id).sort()).toEqual([oldOpenTicket, newSolved].sort());
    const runs = await api<Page<{ id: string }>>(owner, 'GET', '/runs');
    expect(runs.status, JSON.stringify(runs.body)).toBe(200);
    expect(runs.body.items).toHaveLength(2);

    // A second sweep, the workflow run directly: nothing more to delete.
    const again = await client.workflow.execute('retentionSweep', {
      taskQueue: product.env.KEFU_TASK_QUEUE!,
      workflowId: `retention-again-${owner.workspaceId}`,
      args: [{ workspaceId: owner.workspaceId }],
    });
    expect(again).toEqual({});

    // The open conversation, once closed, goes at the next sweep: it held its list's place.
    await m.Conversation.updateOne({ workspaceId, _id: oldOpen }, { $set: { status: 'closed' } });
    const third = await client.workflow.execute('retentionSweep', {
      taskQueue: product.env.KEFU_TASK_QUEUE!,
      workflowId: `retention-third-${owner.workspaceId}`,
      args: [{ workspaceId: owner.workspaceId }],
    });
    expect(third).toMatchObject({
      conversations: 1,
      messages: 1,
      notes: 1,
      surveyResponses: 1,
      deliveries: 1,
    });
    expect(await gone(m.Conversation, { _id: newClosed })).toBe(1);
  });
});
