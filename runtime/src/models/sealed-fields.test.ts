import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailIndex, phoneIndex } from '../contacts/blind-keys';
import { dataKeys, installDataKeys } from '../privacy/data-keys';
import { newDataKey, parseDataKeys } from '../privacy/field-crypto';
import { resealPersonalData } from '../privacy/reseal';
import { withKeys } from './contact-keys';
import { ALLOW_SCAN } from './query-audit';
import { startTestDatabase, type TestDatabase } from './test-database';

/**
 * Contacts' personal fields through every way the code writes and reads them, on a real store: what
 * is stored (read with the raw driver) is sealed, what the model returns is clear.
 */
let db: TestDatabase;
beforeAll(async () => {
  db = await startTestDatabase('sealedfields');
});
afterAll(async () => {
  await db?.stop();
});

const raw = (id: unknown) => db.models.Contact.collection.findOne({ _id: id as Types.ObjectId });
const clearIn = (doc: unknown, ...values: string[]) =>
  values.filter((v) => JSON.stringify(doc).toLowerCase().includes(v.toLowerCase()));

describe('sealed contact fields', () => {
  it('are sealed by create, updates, upserts, insertMany (lean) and bulkWrite, and read in clear', async () => {
    const { Contact } = db.models;
    const workspaceId = new Types.ObjectId();
    const created = await Contact.create({
      workspaceId,
      visitorId: 'v1',
      name: 'Ann Lee',
      email: 'Ann@Shop.test',
    });
    expect([created.name, created.email]).toEqual(['Ann Lee', 'Ann@Shop.test']);
    expect(created.toObject().email).toBe('Ann@Shop.test');
    await Contact.updateOne({ _id: created._id, workspaceId }, { $set: { phone: '+86 138 0000 0001' } });
    const upserted = await Contact.findOneAndUpdate(
      { workspaceId, visitorId: 'v2' },
      { $setOnInsert: { workspaceId, visitorId: 'v2', email: 'bo@shop.test', name: '张伟' } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    expect(upserted).toMatchObject({ email: 'bo@shop.test', name: '张伟' });
    const imported = new Types.ObjectId();
    await Contact.insertMany(
      [{ _id: imported, workspaceId, visitorId: 'v3', name: 'Cy', phone: '13900000003' }],
      {
        lean: true,
      },
    );
    // bulkWrite skips query middleware: the update carries its keys, as imports' do.
    await Contact.bulkWrite([
      {
        updateOne: {
          filter: { _id: imported, workspaceId },
          update: withKeys({ $set: { email: 'cy@shop.test' } }),
        },
      },
    ]);

    const stored = await Contact.find({ workspaceId })
      .setOptions({ [ALLOW_SCAN]: 'a test' })
      .sort({ visitorId: 1 })
      .lean();
    expect(stored.map((c) => [c.name, c.email, c.phone])).toEqual([
      ['Ann Lee', 'Ann@Shop.test', '+86 138 0000 0001'],
      ['张伟', 'bo@shop.test', undefined],
      ['Cy', 'cy@shop.test', '13900000003'],
    ]);
    const hydrated = await Contact.findOne({ _id: created._id, workspaceId }).orFail();
    expect([hydrated.phone, hydrated.get('email')]).toEqual(['+86 138 0000 0001', 'Ann@Shop.test']);

    for (const id of [created._id, upserted!._id, imported]) {
      const doc = await raw(id);
      expect(
        clearIn(doc, 'Ann Lee', 'shop.test', '13800000001', '138 0000', '张伟', 'cy@', '13900000003'),
      ).toEqual([]);
      expect(String(doc!.email)).toMatch(/^enc:v1:k1:/);
    }
    // Lookups by the blind indexes still find them.
    expect(await Contact.countDocuments({ workspaceId, emailKey: emailIndex(' ann@shop.TEST ') })).toBe(1);
    expect(await Contact.countDocuments({ workspaceId, phoneKey: phoneIndex('+8613800000001') })).toBe(1);
    expect(await Contact.countDocuments({ workspaceId, emailKey: emailIndex('cy@shop.test') })).toBe(1);
  });

  it('are resealed with a new current key, old and new readable meanwhile; unknown and altered values fail clearly', async () => {
    const { Contact, EmailThread } = db.models;
    const workspaceId = new Types.ObjectId();
    const before = dataKeys();
    const a = await Contact.create({
      workspaceId,
      visitorId: 'r1',
      email: 'old@shop.test',
      phone: '13700000001',
    });
    // A contact stored before encryption: clear fields and clear keys.
    const legacy = new Types.ObjectId();
    await Contact.collection.insertOne({
      _id: legacy,
      workspaceId,
      visitorId: 'email:Legacy@Shop.test',
      email: 'Legacy@Shop.test',
      emailKey: 'legacy@shop.test',
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    const thread = new Types.ObjectId();
    await EmailThread.create({
      _id: thread,
      workspaceId,
      address: 'old@shop.test',
      ourAddress: 'x@kefu.localhost',
      subject: 's',
    });

    const k1 = [...before.keys.entries()].map(([id, key]) => `${id}=${key.toString('base64')}`).join(',');
    installDataKeys(parseDataKeys(`${k1},k2=${newDataKey()}`, 'k2', before.indexKey.toString('base64')));
    try {
      expect((await Contact.findOne({ _id: a._id, workspaceId }).lean())?.email).toBe('old@shop.test');
      const report = await resealPersonalData(db.models, { batchSize: 2 });
      expect(report.contacts.failed).toBe(0);
      expect(report.contacts.resealed).toBeGreaterThanOrEqual(2);
      for (const id of [a._id, legacy]) expect(String((await raw(id))!.email)).toMatch(/^enc:v1:k2:/);
      expect(clearIn(await raw(legacy), 'legacy@')).toEqual([]);
      expect(String((await EmailThread.collection.findOne({ _id: thread }))!.address)).toMatch(/^enc:v1:k2:/);
      expect((await EmailThread.findOne({ _id: thread, workspaceId }).lean())?.address).toBe('old@shop.test');
      expect(await Contact.countDocuments({ workspaceId, emailKey: emailIndex('legacy@shop.test') })).toBe(1);
      // Idempotent: nothing left to do.
      expect((await resealPersonalData(db.models)).contacts.resealed).toBe(0);

      // A value sealed with a key this server lacks, and one altered: a clear error, not garbage.
      const stranger = parseDataKeys(`k9=${newDataKey()}`, 'k9', newDataKey());
      const { sealField } = await import('../privacy/field-crypto');
      await Contact.collection.updateOne(
        { _id: a._id },
        { $set: { email: sealField(stranger, 'x@y.z', 'Contact.email') } },
      );
      await expect(Contact.findOne({ _id: a._id, workspaceId }).lean()).rejects.toThrow(/data key "k9"/);
      const sealed = String((await raw(legacy))!.email);
      await Contact.collection.updateOne(
        { _id: legacy },
        { $set: { email: sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA') } },
      );
      await expect(Contact.findOne({ _id: legacy, workspaceId }).lean()).rejects.toThrow(
        /failed authentication/,
      );
      // The rotation reports the one it cannot open and goes on (the altered one is under the
      // current key already: nothing to do for it).
      const logged: string[] = [];
      const failing = await resealPersonalData(db.models, { log: (m) => logged.push(m) });
      expect(failing.contacts).toMatchObject({ failed: 1, resealed: 0 });
      expect(logged.join('\n')).toContain(
        `Contact ${String(a._id)}: A stored Contact.email is sealed with data key "k9"`,
      );
    } finally {
      installDataKeys(before);
    }
  });
});
