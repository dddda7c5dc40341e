import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../models/test-database';
import { ALLOW_SCAN, type Models } from '../models';
import {
  claimMove,
  expireOffer,
  offerConversation,
  passOffer,
  releaseAssignee,
  updateAgentProfile,
} from './routing-service';

// Real FerretDB: offers, slots and hand-overs rest on how its conditional writes behave.
describe('routing service', () => {
  let db: TestDatabase;
  let models: Models;
  const workspaceId = new Types.ObjectId().toHexString();
  const [ann, bob, cat] = [0, 1, 2].map(() => new Types.ObjectId().toHexString()) as [string, string, string];
  let key = 0;

  const offer = (over: Partial<Parameters<typeof offerConversation>[1]> = {}) =>
    offerConversation(models, {
      workspaceId,
      conversationId: new Types.ObjectId().toHexString(),
      teamRef: 'support',
      strategy: 'least-loaded',
      skills: [],
      timeoutMs: 60_000,
      idempotencyKey: `run/${key++}/0`,
      ...over,
    });
  const load = async (userId: string) => models.AgentSlot.countDocuments({ workspaceId, agentId: userId });
  const offerOf = async (result: Awaited<ReturnType<typeof offer>>) => {
    if (!('offerId' in result)) throw new Error('no offer made');
    return await models.Offer.findOne({ workspaceId, _id: result.offerId }).orFail();
  };

  beforeAll(async () => {
    db = await startTestDatabase('routing');
    models = db.models;
    await Promise.all([models.Offer.init(), models.AgentProfile.init(), models.Team.init()]);
    await models.Team.create({ workspaceId, key: 'support', name: 'Support', members: [ann, bob, cat] });
  });

  afterAll(async () => {
    await db?.stop();
  });

  it('offers nobody anything while the team is offline', async () => {
    for (const id of [ann, bob, cat]) await updateAgentProfile(models, workspaceId, id, { maxConcurrent: 1 });
    expect(await offer()).toMatchObject({ noAgent: true, routing: { noAgent: 'nobody-eligible' } });
    expect(await offer({ teamRef: 'no-such-team' })).toEqual({
      noAgent: true,
      routing: { candidates: [], noAgent: 'no-team' },
    });
  });

  it('reserves a slot per offer, returns the same offer to a retried step, and never exceeds capacity', async () => {
    await updateAgentProfile(models, workspaceId, ann, { presence: 'online' });
    await updateAgentProfile(models, workspaceId, bob, { presence: 'online' });
    const first = await offer({ idempotencyKey: 'retried/1/0' });
    expect(await offer({ idempotencyKey: 'retried/1/0' })).toEqual(first);
    const second = await offer();
    const owners = [String((await offerOf(first)).agentId), String((await offerOf(second)).agentId)].sort();
    expect(owners).toEqual([ann, bob].sort());
    expect(await offer()).toMatchObject({ noAgent: true });
    expect([await load(ann), await load(bob)]).toEqual([1, 1]);
  });

  it('hands a declined offer to the next free agent under the same id, and ends it when nobody is left', async () => {
    await updateAgentProfile(models, workspaceId, cat, { presence: 'online', skills: ['billing'] });
    const made = await offer({ skills: ['billing'] });
    const held = await offerOf(made);
    expect(String(held.agentId)).toBe(cat);
    // Nobody else has the skill: declining ends the offer and frees cat's slot.
    expect(await passOffer(models, workspaceId, String(held._id), cat, 'declined')).toBe('declined');
    expect(await load(cat)).toBe(0);
    expect(await passOffer(models, workspaceId, String(held._id), cat, 'declined')).toBeNull();

    const open = await offerOf(await offer());
    expect(String(open.agentId)).toBe(cat);
    await updateAgentProfile(models, workspaceId, ann, { maxConcurrent: 2 });
    expect(await passOffer(models, workspaceId, String(open._id), cat, 'declined')).toBe('offered');
    const moved = await models.Offer.findOne({ workspaceId, _id: open._id }).orFail();
    expect([String(moved.agentId), moved.status, moved.passedBy.map(String)]).toEqual([
      ann,
      'offered',
      [cat],
    ]);
    expect([await load(ann), await load(cat)]).toEqual([2, 0]);
  });

  it('releases the offers of an agent who goes offline, and expires what is left when the wait ends', async () => {
    const held = await models.Offer.find({ workspaceId, agentId: ann, status: 'offered' });
    expect(held.length).toBe(2);
    await updateAgentProfile(models, workspaceId, ann, { presence: 'offline' });
    const after = await Promise.all(held.map((o) => models.Offer.findOne({ workspaceId, _id: o._id }).orFail()));
    // cat was free and had not passed on the first; the second was cat's decline, so it is released.
    expect(after.map((o) => [o.status, String(o.agentId)]).sort()).toEqual(
      [
        ['offered', cat],
        ['released', ann],
      ].sort(),
    );
    expect(await load(ann)).toBe(0);
    const open = after.find((o) => o.status === 'offered')!;
    expect(await expireOffer(models, workspaceId, String(open._id))).toEqual({
      status: 'expired',
      agentId: cat,
    });
    expect(await load(cat)).toBe(0);
    expect(await expireOffer(models, workspaceId, String(open._id))).toEqual({
      status: 'expired',
      agentId: cat,
    });
  });

  it('tells the expiry an accepted offer was accepted, and leaves it so', async () => {
    const made = await offerOf(await offer());
    const agent = String(made.agentId);
    await models.Offer.updateOne({ workspaceId, _id: made._id }, { $set: { status: 'accepted' } });
    expect(await expireOffer(models, workspaceId, String(made._id))).toEqual({
      status: 'accepted',
      agentId: agent,
    });
  });

  it('lets exactly one of an accept and the expiry move an offer, whichever claims it first', async () => {
    const dan = new Types.ObjectId().toHexString();
    await models.Team.create({ workspaceId, key: 'race', name: 'Race', members: [dan] });
    await updateAgentProfile(models, workspaceId, dan, { presence: 'online', maxConcurrent: 5 });
    const made = await offerOf(await offer({ teamRef: 'race' }));
    const agent = String(made.agentId);
    const slotsBefore = await load(agent);
    // The accept claimed the move but has not written the status yet when the timer fires.
    expect(await claimMove(models, workspaceId, String(made._id), agent, 'accepted', agent)).toEqual({
      outcome: 'accepted',
      mine: true,
    });
    expect(await expireOffer(models, workspaceId, String(made._id))).toEqual({
      status: 'accepted',
      agentId: agent,
    });
    expect((await models.Offer.findOne({ workspaceId, _id: made._id }))?.status).toBe('offered');
    expect(await load(agent)).toBe(slotsBefore);
    expect(await passOffer(models, workspaceId, String(made._id), agent, 'declined')).toBeNull();
    // And the other way round: once expired, an accept's claim loses.
    const other = await offerOf(await offer({ teamRef: 'race' }));
    expect((await expireOffer(models, workspaceId, String(other._id)))?.status).toBe('expired');
    expect(
      await claimMove(
        models,
        workspaceId,
        String(other._id),
        String(other.agentId),
        'accepted',
        String(other.agentId),
      ),
    ).toEqual({
      outcome: 'expired',
      mine: false,
    });
  });

  it('gives an assignee their slot back once when the conversation closes, however often that is reported', async () => {
    await updateAgentProfile(models, workspaceId, bob, { presence: 'online', maxConcurrent: 5 });
    const before = await load(bob);
    await models.Team.create({ workspaceId, key: 'bob', name: 'Bob alone', members: [bob] });
    const accepted = await offerOf(await offer({ teamRef: 'bob' }));
    expect(String(accepted.agentId)).toBe(bob);
    expect(await load(bob)).toBe(before + 1);
    const conversation = await models.Conversation.create({
      workspaceId,
      contactId: new Types.ObjectId(),
      channel: 'web',
      assignee: { agentId: bob, offerId: accepted._id, at: new Date() },
    });
    for (let i = 0; i < 3; i++) await releaseAssignee(models, workspaceId, String(conversation._id));
    expect(await load(bob)).toBe(before);
    const unassigned = await models.Conversation.create({
      workspaceId,
      contactId: new Types.ObjectId(),
      channel: 'web',
    });
    await releaseAssignee(models, workspaceId, String(unassigned._id));
    expect(await load(bob)).toBe(before);
  });

  it('never exceeds capacity when many offers race for the same agents', async () => {
    const ws = new Types.ObjectId().toHexString();
    const [x, y] = [new Types.ObjectId().toHexString(), new Types.ObjectId().toHexString()];
    await models.Team.create({ workspaceId: ws, key: 'rush', name: 'Rush', members: [x, y] });
    await updateAgentProfile(models, ws, x, { presence: 'online', maxConcurrent: 3 });
    await updateAgentProfile(models, ws, y, { presence: 'online', maxConcurrent: 2 });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        offerConversation(models, {
          workspaceId: ws,
          conversationId: new Types.ObjectId().toHexString(),
          teamRef: 'rush',
          strategy: 'least-loaded',
          skills: [],
          timeoutMs: 60_000,
          idempotencyKey: `rush/${i}`,
        }),
      ),
    );
    const made = results.filter((r) => 'offerId' in r).length;
    const held = await models.Offer.countDocuments({ workspaceId: ws, status: 'offered' }).setOptions({
      [ALLOW_SCAN]: 'the test counts every offer of its workspace',
    });
    const perAgent = await Promise.all(
      [x, y].map((a) => models.Offer.countDocuments({ workspaceId: ws, agentId: a })),
    );
    const slots = await models.AgentSlot.countDocuments({ workspaceId: ws });
    // Exactly the capacity: 3 + 2 offers, one slot each, and 15 calls told "no agent".
    expect({ made, held, perAgent, slots }).toEqual({ made: 5, held: 5, perAgent: [3, 2], slots: 5 });
  });

  it('round-robin gives concurrent offers one turn each: 12 at once over 3 agents make 4 each', async () => {
    const ws = new Types.ObjectId().toHexString();
    const ids = [0, 1, 2].map(() => new Types.ObjectId().toHexString());
    await models.Team.create({ workspaceId: ws, key: 'rr-rush', name: 'RR rush', members: ids });
    for (const id of ids) await updateAgentProfile(models, ws, id, { presence: 'online', maxConcurrent: 10 });
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        offerConversation(models, {
          workspaceId: ws,
          conversationId: new Types.ObjectId().toHexString(),
          teamRef: 'rr-rush',
          strategy: 'round-robin',
          skills: [],
          timeoutMs: 60_000,
          idempotencyKey: `rr-rush/${i}`,
        }),
      ),
    );
    expect(results.every((r) => 'offerId' in r)).toBe(true);
    const perAgent = await Promise.all(
      ids.map((a) => models.Offer.countDocuments({ workspaceId: ws, agentId: a })),
    );
    expect(perAgent).toEqual([4, 4, 4]);
    // Twelve turns from 0 over three members end where they began.
    expect((await models.Team.findOne({ workspaceId: ws, key: 'rr-rush' }))?.rrCursor).toBe(0);
  });

  it('round-robin keeps its turn in the team document, so it carries on across calls (and restarts)', async () => {
    const ws = new Types.ObjectId().toHexString();
    const ids = [0, 1, 2].map(() => new Types.ObjectId().toHexString());
    await models.Team.create({ workspaceId: ws, key: 'rr', name: 'RR', members: ids });
    for (const id of ids) await updateAgentProfile(models, ws, id, { presence: 'online', maxConcurrent: 10 });
    const got: string[] = [];
    for (let i = 0; i < 7; i++) {
      const result = await offerConversation(models, {
        workspaceId: ws,
        conversationId: new Types.ObjectId().toHexString(),
        teamRef: 'rr',
        strategy: 'round-robin',
        skills: [],
        timeoutMs: 60_000,
        idempotencyKey: `rr/${i}`,
      });
      const made = await models.Offer.findOne({
        workspaceId: ws,
        _id: (result as { offerId: string }).offerId,
      }).orFail();
      got.push(String(made.agentId));
    }
    expect(got).toEqual([...ids, ...ids, ids[0]]);
    expect((await models.Team.findOne({ workspaceId: ws, key: 'rr' }))?.rrCursor).toBe(1);
  });

  it("explains an offer: each agent passed over and why, by name; a retried step gets the same explanation", async () => {
    const ws = new Types.ObjectId().toHexString();
    const people = ['Li', 'Wang', 'Zhao', 'Qian'];
    const ids: string[] = [];
    for (const name of people) {
      const user = await models.User.create({
        workspaceId: ws,
        email: `${name.toLowerCase()}-${ws}@why.example`,
        name,
        passwordHash: 'x',
        roles: ['agent'],
      });
      ids.push(String(user._id));
    }
    const [li, wang, zhao, qian] = ids as [string, string, string, string];
    await models.Team.create({ workspaceId: ws, key: 'why', name: 'Why', members: ids });
    await updateAgentProfile(models, ws, li, { presence: 'offline', skills: ['billing'] });
    await updateAgentProfile(models, ws, wang, { presence: 'online', maxConcurrent: 0, skills: ['billing'] });
    await updateAgentProfile(models, ws, zhao, { presence: 'online', skills: ['returns'] });
    await updateAgentProfile(models, ws, qian, { presence: 'online', skills: ['billing'] });
    const request = {
      workspaceId: ws,
      conversationId: new Types.ObjectId().toHexString(),
      teamRef: 'why',
      strategy: 'skills' as const,
      skills: ['billing'],
      timeoutMs: 60_000,
      idempotencyKey: 'why/1/0',
    };
    const made = await offerConversation(models, request);
    expect(made).toMatchObject({
      offerId: expect.any(String),
      routing: {
        offeredTo: qian,
        candidates: [
          { agentId: li, name: 'Li', outcome: 'offline' },
          { agentId: wang, name: 'Wang', outcome: 'full', load: 0, maxConcurrent: 0 },
          { agentId: zhao, name: 'Zhao', outcome: 'lacks-skill', missingSkills: ['billing'] },
          { agentId: qian, name: 'Qian', outcome: 'chosen' },
        ],
      },
    });
    expect(await offerConversation(models, request)).toEqual(made);
  });
});
