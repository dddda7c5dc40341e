import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Models } from '@kefu/runtime/models';
import { startTestDatabase, type TestDatabase } from '@kefu/runtime/testing';
import { contactActivities } from './contact-activities';
import { routingActivities } from './routing-activities';

// Real FerretDB: a retried activity must land on the same offer, escalation and slot.
describe('routing activities', () => {
  let db: TestDatabase;
  let models: Models;
  const workspaceId = String(new Types.ObjectId());
  const agentId = String(new Types.ObjectId());
  let conversationId = '';
  let teamId = '';

  beforeAll(async () => {
    db = await startTestDatabase('routing');
    models = db.models;
    await Promise.all([models.Offer.init(), models.AgentProfile.init(), models.Team.init()]);
    teamId = String(
      (await models.Team.create({ workspaceId, key: 'support', name: 'Support', members: [agentId] }))._id,
    );
    await models.AgentProfile.create({ workspaceId, userId: agentId, presence: 'online', maxConcurrent: 2 });
    const conversation = await models.Conversation.create({
      workspaceId,
      contactId: new Types.ObjectId(),
      channel: 'web',
    });
    conversationId = String(conversation._id);
  });

  afterAll(async () => {
    await db?.stop();
  });

  const target = (key: string) => ({ workspaceId, conversationId, idempotencyKey: key });
  const load = async () => models.AgentSlot.countDocuments({ workspaceId, agentId });

  it('offerToTeam: a retried step gets the same offer and holds one slot; expiresAt follows the timeout', async () => {
    const acts = routingActivities(models);
    const input = {
      ...target('run/2/0'),
      teamId: 'support',
      strategy: 'least-loaded' as const,
      skills: [],
      timeoutMs: 120_000,
    };
    const before = Date.now();
    const first = await acts.offerToTeam(input);
    expect(await acts.offerToTeam(input)).toEqual(first);
    expect(await load()).toBe(1);
    const offer = await models.Offer.findOne({ workspaceId, idempotencyKey: 'run/2/0' }).orFail();
    expect(offer.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 120_000);
    expect(offer.expiresAt.getTime()).toBeLessThan(Date.now() + 120_000 + 1);
    expect(String((await models.Conversation.findOne({ workspaceId, _id: conversationId }))?.teamId)).toBe(
      teamId,
    );
    // The team by id works as well as by key; a team that does not exist offers nothing.
    expect(await acts.offerToTeam({ ...input, ...target('run/3/0'), teamId })).toHaveProperty('offerId');
    expect(await acts.offerToTeam({ ...input, ...target('run/4/0'), teamId: 'ghosts' })).toEqual({
      noAgent: true,
      routing: { candidates: [], noAgent: 'no-team' },
    });
    // Full now (two of two): the next offer finds nobody, and says so for the step's why-trace.
    expect(await acts.offerToTeam({ ...input, ...target('run/5/0') })).toEqual({
      noAgent: true,
      routing: {
        candidates: [{ agentId, outcome: 'full', load: 2, maxConcurrent: 2 }],
        noAgent: 'nobody-eligible',
      },
    });

    expect(await acts.expireOffer({ workspaceId, offerId: String(offer._id) })).toEqual({});
    expect(await load()).toBe(1);
  });

  it('escalate raises priority, moves the queue and keeps the first time of a retried step', async () => {
    const acts = routingActivities(models);
    const input = {
      ...target('run/6/0'),
      priority: 'urgent' as const,
      teamId: 'support',
      notifySupervisor: true,
      note: 'Angry',
    };
    expect(await acts.escalate(input)).toEqual({ escalated: true });
    const first = (await models.Conversation.findOne({ workspaceId, _id: conversationId }))!.escalation!.at;
    expect(await acts.escalate(input)).toEqual({ escalated: true });
    const conversation = (await models.Conversation.findOne({ workspaceId, _id: conversationId }))!;
    expect([conversation.priority, String(conversation.teamId), conversation.escalation?.note]).toEqual([
      'urgent',
      teamId,
      'Angry',
    ]);
    expect(conversation.escalation?.at).toEqual(first);
    expect(await acts.escalate({ ...input, conversationId: String(new Types.ObjectId()) })).toEqual({
      escalated: false,
    });
  });

  it('closing an assigned conversation gives the agent their slot back once', async () => {
    const held = await models.Offer.findOne({ workspaceId, idempotencyKey: 'run/3/0' }).orFail();
    await models.Conversation.updateOne(
      { workspaceId, _id: conversationId },
      {
        $set: {
          assignee: { agentId, offerId: held._id, at: new Date() },
          assigneeId: agentId,
          inboxKey: agentId,
        },
      },
    );
    const before = await load();
    const close = contactActivities(models).closeConversation;
    await close({ ...target('run/7/0') });
    await close({ ...target('run/7/0') });
    expect(await load()).toBe(before - 1);
  });
});
