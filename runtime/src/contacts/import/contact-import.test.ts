import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../../models/test-database';
import { createKeyLookup, type KeyLookup } from '../../store/find-by-keys';
import { contactMatchKeys } from '../../store/migrations/0003-contact-match-keys';
import { sealPersonalData } from '../../store/migrations/0006-seal-personal-data';
import { emailIndex, phoneIndex } from '../blind-keys';
import { ALLOW_SCAN, contactImportChunkId, takeLease } from '../../models';
import { readContactHeader } from '../contact-csv';
import { importBatch } from './import-batch';
import { ContactImportRunner, DEFAULT_IMPORT_RUNNER, type ImportRunnerOptions } from './import-runner';
import type { ContactImportRecord } from './import-wire';
import { startContactImport } from './start-import';

/** Contact imports on a real store: matching keys, batches run twice, the runner stopped and resumed. */
let db: TestDatabase;
let lookup: KeyLookup;
const quiet = { info: () => {}, error: () => {} };

beforeAll(async () => {
  db = await startTestDatabase('contactimport');
  lookup = createKeyLookup({ postgresUrl: db.postgresUrl, database: db.conn.name });
});
afterAll(async () => {
  await lookup?.close();
  await db?.stop();
});

const newWorkspace = () => new Types.ObjectId().toHexString();
const owner = (workspaceId: string) => ({ workspaceId, userId: 'u1', email: 'owner@shop.test' });
const lease = { owner: 'test-uploader', ms: 30_000 };
const bodyOf = (text: string | Buffer, pieceBytes = 64 * 1024) => {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const pieces = [];
  for (let i = 0; i < bytes.length; i += pieceBytes) pieces.push(bytes.subarray(i, i + pieceBytes));
  return Readable.from(pieces);
};
const contactsCsv = (n: number, from = 0) =>
  'name,email,phone,tags\n' +
  Array.from({ length: n }, (_, i) => `Person ${from + i},p${from + i}@shop.test,,t${i % 3}`).join('\n') +
  '\n';

function runner(options: Partial<ImportRunnerOptions> = {}) {
  return new ContactImportRunner(
    { models: db.models, lookup, log: quiet },
    { ...DEFAULT_IMPORT_RUNNER, pollMs: 50, minPauseMs: 0, pauseShare: 0, ...options },
  );
}

async function until(importId: string, workspaceId: string, done: (job: ContactImportRecord) => boolean) {
  for (let i = 0; i < 1200; i++) {
    const job = await db.models.ContactImport.findOne({
      _id: importId,
      workspaceId,
    }).lean<ContactImportRecord>();
    if (job && done(job)) return job;
    await sleep(50);
  }
  throw new Error(`import ${importId} did not get there`);
}
/** The test's own count of a workspace's contacts (a whole-workspace read the product never makes). */
const contactsOf = (workspaceId: string) =>
  db.models.Contact.countDocuments({ workspaceId }).setOptions({
    [ALLOW_SCAN]: 'a test counts what it imported',
  });
/** Whether an import holds the workspace's one import slot. */
const slotHeld = async (workspaceId: string) => {
  const slot = await db.models.Lease.findOne({ workspaceId, name: 'contact-import' }).lean();
  return !!slot && slot.until.getTime() > Date.now();
};
const ended = (job: ContactImportRecord) => ['done', 'failed', 'cancelled'].includes(job.state);

describe('contact match keys', () => {
  it('keeps emailKey and phoneKey right on create, update, upsert and unset', async () => {
    const { Contact } = db.models;
    const workspaceId = newWorkspace();
    const c = await Contact.create({
      workspaceId,
      visitorId: 'k1',
      email: ' Ann@Shop.TEST ',
      phone: '+86 138-0000 0001',
    });
    expect(c.toObject()).toMatchObject({
      emailKey: emailIndex('ann@shop.test'),
      phoneKey: phoneIndex('+8613800000001'),
    });
    await Contact.updateOne(
      { _id: c._id, workspaceId },
      { $set: { email: 'Bo@Shop.test' }, $unset: { phone: '' } },
    );
    let stored = await Contact.findOne({ _id: c._id, workspaceId }).lean();
    expect(stored).toMatchObject({ emailKey: emailIndex('bo@shop.test') });
    expect(stored).not.toHaveProperty('phoneKey');
    await Contact.findOneAndUpdate(
      { workspaceId, visitorId: 'k2' },
      { $setOnInsert: { workspaceId, visitorId: 'k2', email: 'New@Shop.test' } },
      { upsert: true },
    );
    stored = await Contact.findOne({ workspaceId, visitorId: 'k2' }).lean();
    expect(stored).toMatchObject({ emailKey: emailIndex('new@shop.test') });
    const doc = await Contact.findOne({ _id: c._id, workspaceId });
    doc!.phone = '021 5555 0000';
    await doc!.save();
    expect(await Contact.findOne({ _id: c._id, workspaceId }).lean()).toMatchObject({
      phoneKey: phoneIndex('02155550000'),
    });
  });

  it('backfills the keys of contacts stored before they existed', async () => {
    const { Contact } = db.models;
    const workspaceId = new Types.ObjectId();
    // As an older Kefu wrote them: no keys (the raw driver skips the schema's hooks).
    await Contact.collection.insertMany([
      { workspaceId, visitorId: 'old-1', email: 'Old@Shop.test', phone: '+86 138 0000 0009' },
      { workspaceId, visitorId: 'old-2', name: 'No email' },
    ]);
    // (It also rewrites the other tests' contacts, in clear as it was written to: 0006 below fixes them.)
    const result = await contactMatchKeys.up(db.models, () => {});
    expect(result).toMatchObject({ changed: expect.any(Number) });
    expect(await Contact.findOne({ workspaceId, visitorId: 'old-1' }).lean()).toMatchObject({
      emailKey: 'old@shop.test',
      phoneKey: '+8613800000009',
    });
    expect(await contactMatchKeys.up(db.models, () => {})).toMatchObject({ changed: 0 });
    // Those keys were the values in clear: the later migration seals the fields and makes them blind indexes.
    await sealPersonalData.up(db.models, () => {});
    expect(await Contact.findOne({ workspaceId, visitorId: 'old-1' }).lean()).toMatchObject({
      email: 'Old@Shop.test',
      emailKey: emailIndex('old@shop.test'),
      phoneKey: phoneIndex('+8613800000009'),
    });
  });

  it('finds contacts by many keys at once, in one workspace only', async () => {
    const { Contact } = db.models;
    const [mine, theirs] = [newWorkspace(), newWorkspace()];
    const a = await Contact.create({ workspaceId: mine, visitorId: 'l1', email: 'a@shop.test' });
    await Contact.create({ workspaceId: theirs, visitorId: 'l2', email: 'a@shop.test' });
    await Contact.create({ workspaceId: mine, visitorId: 'l3', email: 'b@shop.test' });
    const found = await lookup.find(
      Contact as never,
      mine,
      'emailKey',
      ['a@shop.test', 'b@shop.test', 'zz@x.io'].map((e) => emailIndex(e)!),
      ['visitorId'],
    );
    expect(found.map((d) => d.visitorId).sort()).toEqual(['l1', 'l3']);
    const byId = await lookup.find(Contact as never, mine, '_id', [String(a._id)], ['emailKey']);
    expect(byId).toEqual([{ _id: String(a._id), emailKey: emailIndex('a@shop.test') }]);
  });
});

describe('one batch', () => {
  const columns = readContactHeader(['id', 'name', 'email', 'phone', 'tags']);
  if (!columns.ok) throw new Error('bad test header');
  const rec = (line: number, ...fields: string[]) => ({ line, fields });

  it('matches by id, email and phone, leaves merged contacts alone, and counts the same when run again', async () => {
    const { Contact } = db.models;
    const workspaceId = newWorkspace();
    const ctx = { models: db.models, lookup, workspaceId, importId: new Types.ObjectId().toHexString() };
    const byId = await Contact.create({ workspaceId, visitorId: 'b1', name: 'By id' });
    await Contact.create({ workspaceId, visitorId: 'b2', email: 'ann@shop.test', tags: ['old'] });
    await Contact.create({ workspaceId, visitorId: 'b3', phone: '+86 138 0000 0003' });
    await Contact.create({ workspaceId, visitorId: 'b4', email: 'merged@shop.test', mergedInto: byId._id });
    const records = [
      rec(2, String(byId._id), 'Renamed', '', '', ''),
      rec(3, '', 'Ann', 'ANN@shop.test', '', 'vip'),
      rec(4, '', 'Phone', '', '+8613800000003', ''),
      rec(5, '', 'New', 'merged@shop.test', '', ''),
      rec(6, '', 'Nameless twin', 'ann@shop.test', '', ''), // same contact as line 3
      rec(7, '', 'Only a name', '', '', ''),
    ];
    const first = await importBatch(ctx, columns.columns, records);
    expect(first).toEqual({
      created: 2,
      updated: 3,
      problems: [{ row: 6, field: 'email', code: 'duplicate', message: 'same contact as row 3' }],
    });
    const again = await importBatch(ctx, columns.columns, records);
    expect(again).toEqual(first);
    expect(await contactsOf(workspaceId)).toBe(6);
    expect(await Contact.findOne({ workspaceId, visitorId: 'b2' }).lean()).toMatchObject({
      name: 'Ann',
      email: 'ANN@shop.test',
      tags: ['old', 'vip'],
    });
    expect(await Contact.findOne({ _id: byId._id, workspaceId }).lean()).toMatchObject({ name: 'Renamed' });

    // A later batch of the same import: a row that is a contact an earlier batch wrote is reported.
    const later = await importBatch(ctx, columns.columns, [rec(9, '', 'Ann again', 'ann@shop.test', '', '')]);
    expect(later.problems).toEqual([
      expect.objectContaining({ row: 9, code: 'duplicate', message: 'same contact as row 3' }),
    ]);
  });
});

describe('the import runner', () => {
  it('imports an uploaded file in batches, with its problems, and frees the workspace for the next import', async () => {
    const workspaceId = newWorkspace();
    const file = contactsCsv(1000) + 'Broken,not-an-email,,\n';
    const job = await startContactImport(
      db.models,
      owner(workspaceId),
      { body: bodyOf(file), fileName: 'c.csv' },
      lease,
    );
    expect(job).toMatchObject({ state: 'queued', bytes: Buffer.byteLength(file), fileName: 'c.csv' });
    const r = runner({ batchSize: 100 });
    r.start();
    const done = await until(String(job._id), workspaceId, ended);
    await r.stop();
    expect(done).toMatchObject({ state: 'done', rowsRead: 1001, created: 1000, updated: 0, problemCount: 1 });
    expect(done.problems).toEqual([expect.objectContaining({ row: 1002, field: 'email', code: 'invalid' })]);
    expect(done.position?.byte).toBe(Buffer.byteLength(file));
    expect(await contactsOf(workspaceId)).toBe(1000);
    expect(await db.models.ContactImportChunk.countDocuments({ workspaceId })).toBe(0);
    expect(await slotHeld(workspaceId)).toBe(false);
  }, 60_000);

  it('resumes after a stop and after a crash, from the last committed batch, creating nothing twice', async () => {
    const workspaceId = newWorkspace();
    // Several chunks, so resuming starts inside the file.
    const file = contactsCsv(6000);
    const job = await startContactImport(db.models, owner(workspaceId), { body: bodyOf(file) }, lease);
    const importId = String(job._id);
    const first = runner({ batchSize: 200 });
    first.start();
    await until(importId, workspaceId, (j) => j.rowsRead >= 1000);
    await first.stop(); // a clean stop hands the import back at once
    const handedBack = await db.models.ContactImport.findOne({
      _id: importId,
      workspaceId,
    }).lean<ContactImportRecord>();
    expect(handedBack!.state).toBe('running');
    expect(handedBack!.rowsRead).toBeLessThan(6000);

    const second = runner({ batchSize: 200 });
    second.start();
    await until(importId, workspaceId, (j) => j.rowsRead > handedBack!.rowsRead + 1000);
    await second.stop();
    // As a crash leaves it: the import still held by a process that writes no more, until its
    // lease runs out.
    await db.models.ContactImport.updateOne(
      { _id: importId, workspaceId },
      { $set: { leaseOwner: 'a process that died', leaseUntil: new Date(Date.now() + 500) } },
    );
    const third = runner({ batchSize: 200 });
    third.start();
    const done = await until(importId, workspaceId, ended);
    await third.stop();
    expect(done).toMatchObject({ state: 'done', rowsRead: 6000, created: 6000, problemCount: 0 });
    expect(await contactsOf(workspaceId)).toBe(6000);
  }, 120_000);

  it('refuses a second import in the same workspace, but not in another', async () => {
    const workspaceId = newWorkspace();
    const job = await startContactImport(
      db.models,
      owner(workspaceId),
      { body: bodyOf(contactsCsv(10)) },
      lease,
    );
    await expect(
      startContactImport(db.models, owner(workspaceId), { body: bodyOf(contactsCsv(10)) }, lease),
    ).rejects.toMatchObject({ statusCode: 409, code: 'KEFU_ERR_CONFLICT' });
    const elsewhere = await startContactImport(
      db.models,
      owner(newWorkspace()),
      { body: bodyOf(contactsCsv(10)) },
      lease,
    );
    expect(elsewhere.state).toBe('queued');
    // Cancelled before it runs: the runner ends it without importing a row.
    await db.models.ContactImport.updateOne(
      { _id: job._id, workspaceId },
      { $set: { cancelRequested: true } },
    );
    const r = runner();
    r.start();
    const cancelled = await until(String(job._id), workspaceId, ended);
    await r.stop();
    expect(cancelled).toMatchObject({ state: 'cancelled', created: 0 });
    const next = await startContactImport(
      db.models,
      owner(workspaceId),
      { body: bodyOf(contactsCsv(10)) },
      lease,
    );
    expect(next.state).toBe('queued');
  });

  it('fails an upload whose process died before it finished, and frees what it held', async () => {
    const workspaceId = newWorkspace();
    const importId = new Types.ObjectId();
    await takeLease(db.models.Lease, workspaceId, 'contact-import', String(importId), 60_000);
    await db.models.ContactImportChunk.create({
      _id: contactImportChunkId(String(importId), 0),
      workspaceId,
      importId,
      n: 0,
      data: Buffer.from('name\nAnn\n'),
    });
    await db.models.ContactImport.create({
      _id: importId,
      workspaceId,
      state: 'uploading',
      chunks: 1,
      bytes: 9,
      leaseOwner: 'a process that died',
      leaseUntil: new Date(Date.now() - 1000),
    });
    const r = runner();
    r.start();
    const failed = await until(String(importId), workspaceId, ended);
    await r.stop();
    expect(failed).toMatchObject({ state: 'failed', error: 'the upload did not finish' });
    expect(await db.models.ContactImportChunk.countDocuments({ workspaceId })).toBe(0);
    expect(await slotHeld(workspaceId)).toBe(false);
  });

  it('refuses, keeping nothing, a file too big, one that is not UTF-8, and one without a usable header', async () => {
    const workspaceId = newWorkspace();
    const limit = 1024 * 1024;
    const refusal = (file: { body: Readable; length?: number }) =>
      startContactImport(db.models, owner(workspaceId), file, lease, limit).then(
        () => null,
        (err: { statusCode: number; field?: string; message: string }) => err,
      );
    expect(await refusal({ body: bodyOf('name\nAnn\n'), length: limit + 1 })).toMatchObject({
      statusCode: 413,
      field: 'body',
      message: expect.stringContaining('larger than 1 MB'),
    });
    // Not announced, and larger than the limit as it arrives.
    const big = Buffer.alloc(limit + 1, 'a');
    big.write('name\n');
    expect(await refusal({ body: bodyOf(big, 100_000) })).toMatchObject({ statusCode: 413, field: 'body' });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name\nAnn\n', 'utf16le')]);
    expect(await refusal({ body: bodyOf(utf16) })).toMatchObject({ statusCode: 400, field: 'body' });
    expect(await refusal({ body: bodyOf('title,notes\nx,y\n') })).toMatchObject({
      statusCode: 400,
      message: expect.stringContaining('"name", "email" or "phone"'),
    });
    expect(await refusal({ body: bodyOf('') })).toMatchObject({
      statusCode: 400,
      message: 'The file is empty',
    });
    expect(await db.models.ContactImport.countDocuments({ workspaceId })).toBe(0);
    expect(await db.models.ContactImportChunk.countDocuments({ workspaceId })).toBe(0);
    expect(await slotHeld(workspaceId)).toBe(false);
  }, 60_000);
});
