import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from './test-database';
import { changeTicket } from './change-ticket';
import { insertOnce } from './insert-once';

describe('changeTicket', () => {
  let db: TestDatabase;
  const workspaceId = new Types.ObjectId().toHexString();
  const flow = { type: 'flow' as const, runId: 'run-1' };

  beforeAll(async () => {
    db = await startTestDatabase('change-ticket');
  });
  afterAll(async () => await db?.stop());

  const open = async () =>
    String(
      (
        await insertOnce(db.models.Ticket, {
          workspaceId,
          idempotencyKey: `t/${new Types.ObjectId()}`,
          subject: 'Lid missing',
          tags: ['lid'],
        })
      )._id,
    );
  const timeline = (ticketId: string) => db.models.TicketEvent.find({ workspaceId, ticketId }).lean();

  it("records a retried step's entries once, even when the change landed and its entries did not", async () => {
    const ticketId = await open();
    const change = { addTags: ['vip'], priority: 'high' as const };
    await changeTicket(db.models, { workspaceId, ticketId }, change, flow, 'run-1/step/2');
    // The step died after the ticket was written, before its timeline entries were.
    await db.models.TicketEvent.deleteMany({ workspaceId, ticketId });
    // Meanwhile an agent changed it too.
    await changeTicket(
      db.models,
      { workspaceId, ticketId },
      { addTags: ['agent'] },
      { type: 'user' },
      'request/1',
    );
    const retried = await changeTicket(db.models, { workspaceId, ticketId }, change, flow, 'run-1/step/2');
    await changeTicket(db.models, { workspaceId, ticketId }, change, flow, 'run-1/step/2');
    expect(retried?.ticket).toMatchObject({ tags: ['lid', 'vip', 'agent'], priority: 'high' });
    const entries = (await timeline(ticketId)).filter((e) => e.actor?.type === 'flow');
    expect(entries.map((e) => [e.field, e.from, e.to]).sort()).toEqual(
      [
        ['priority', 'normal', 'high'],
        ['tags', ['lid'], ['lid', 'vip']],
      ].sort(),
    );
  });

  it('changes nothing and records nothing when the ticket already says it', async () => {
    const ticketId = await open();
    const same = await changeTicket(
      db.models,
      { workspaceId, ticketId },
      { tags: ['lid'] },
      flow,
      'run-2/step/0',
    );
    expect(same?.fields).toEqual([]);
    expect(await timeline(ticketId)).toEqual([]);
    expect(
      await changeTicket(
        db.models,
        { workspaceId, ticketId: new Types.ObjectId().toHexString() },
        {},
        flow,
        'k',
      ),
    ).toBeNull();
  });
});
