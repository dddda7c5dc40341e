import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KefuError } from '../errors';
import type { Models } from '../models';
import { startTestDatabase, type TestDatabase } from '../models/test-database';
import { mergeContacts } from './merge';

/** Merges racing each other and racing edits of the kept contact, on the real embedded store. */
describe('contact merges at the same time', () => {
  let db: TestDatabase;
  let models: Models;
  const workspaceId = new Types.ObjectId().toHexString();

  beforeAll(async () => {
    db = await startTestDatabase('contact-merge');
    models = db.models;
  });
  afterAll(async () => await db?.stop());

  async function contact(fields: Record<string, unknown> = {}) {
    const c = await models.Contact.create({ workspaceId, visitorId: `v-${new Types.ObjectId()}`, ...fields });
    await models.Conversation.create({ workspaceId, contactId: c._id, channel: 'web' });
    return String(c._id);
  }
  const get = (id: string) => models.Contact.findOne({ _id: id, workspaceId }).lean();
  const conversationsOf = (id: string) => models.Conversation.countDocuments({ workspaceId, contactId: id });
  const settle = <T>(p: Promise<T>) =>
    p.then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
  const refused = (outcome: { ok: boolean; error?: unknown }) =>
    !outcome.ok && outcome.error instanceof KefuError && outcome.error.statusCode === 409;

  it('merges one contact into exactly one of two contacts it is merged into at once', async () => {
    for (let trial = 0; trial < 5; trial++) {
      const [k1, k2, b] = await Promise.all([
        contact(),
        contact(),
        contact({ tags: ['from-b'], attributes: { plan: 'b' } }),
      ]);
      const outcomes = await Promise.all([
        settle(mergeContacts(models, workspaceId, k1, [b])),
        settle(mergeContacts(models, workspaceId, k2, [b])),
      ]);
      const won = outcomes.findIndex((o) => o.ok);
      expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
      expect(refused(outcomes[1 - won]!)).toBe(true);
      const [winner, loser] = won === 0 ? [k1, k2] : [k2, k1];
      expect(String((await get(b))?.mergedInto)).toBe(winner);
      expect([await conversationsOf(winner), await conversationsOf(loser), await conversationsOf(b)]).toEqual(
        [2, 1, 0],
      );
      expect((await get(winner))?.tags).toEqual(['from-b']);
      expect(await get(loser)).toMatchObject({ tags: [], attributes: {} });
    }
  });

  it('never merges two contacts into each other (A into B while B goes into A)', async () => {
    for (let trial = 0; trial < 3; trial++) {
      const [a, b] = await Promise.all([contact({ tags: ['a'] }), contact({ tags: ['b'] })]);
      const outcomes = await Promise.all([
        settle(mergeContacts(models, workspaceId, a, [b])),
        settle(mergeContacts(models, workspaceId, b, [a])),
      ]);
      expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
      expect(outcomes.filter(refused)).toHaveLength(1);
      const [ca, cb] = [await get(a), await get(b)];
      // One is merged into the other, which is not merged itself, and has both conversations.
      const kept = ca?.mergedInto ? cb : ca;
      expect(kept?.mergedInto).toBeUndefined();
      expect(String((ca?.mergedInto ? ca : cb)?.mergedInto)).toBe(String(kept?._id));
      expect(await conversationsOf(String(kept?._id))).toBe(2);
      expect([...kept!.tags].sort()).toEqual(['a', 'b']);
    }
  });

  it("keeps what the kept contact is given while it merges (an agent's tag, a flow step's attribute)", async () => {
    for (let trial = 0; trial < 5; trial++) {
      const kept = await contact({ tags: ['old'], attributes: { since: 2020 } });
      const other = await contact({
        tags: ['theirs'],
        attributes: { plan: 'silver', city: 'Hangzhou' },
        email: 'lin@example.com',
      });
      const scope = { _id: kept, workspaceId };
      await Promise.all([
        mergeContacts(models, workspaceId, kept, [other]),
        // As the update-contact flow step writes: per attribute, tags added.
        models.Contact.updateOne(scope, { $set: { 'attributes.plan': 'gold' }, $addToSet: { tags: 'vip' } }),
        models.Contact.updateOne(scope, { $set: { phone: '+86 571 0000' } }),
      ]);
      const after = await get(kept);
      expect([...after!.tags].sort()).toEqual(['old', 'theirs', 'vip']);
      // The kept contact's own value wins over the merged one's, whichever landed first.
      expect(after?.attributes).toEqual({ since: 2020, plan: 'gold', city: 'Hangzhou' });
      expect(after).toMatchObject({ email: 'lin@example.com', phone: '+86 571 0000' });
    }
  });

  it('finishes a merge cut short when it is repeated, and lets a merge go on once a dead one has run out of time', async () => {
    const [kept, other] = await Promise.all([contact(), contact({ tags: ['x'] })]);
    // A merge that died holding the kept contact: its lease still runs.
    const { Lease } = models;
    const { takeLease } = await import('../models');
    expect(await takeLease(Lease, workspaceId, `contact/${kept}`, 'merge/dead', 1)).toBe(true);
    await new Promise((r) => setTimeout(r, 5));
    const result = await mergeContacts(models, workspaceId, kept, [other]);
    expect(result.merged).toEqual([other]);
    expect((await mergeContacts(models, workspaceId, kept, [other])).merged).toEqual([]);
    expect(await conversationsOf(kept)).toBe(2);
  });
});
