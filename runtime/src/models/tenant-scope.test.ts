import { describe, expect, it } from 'vitest';
import mongoose, { Schema, Types } from 'mongoose';
import { ACROSS_TENANTS, MissingTenantScopeError, assertTenantScoped, tenantScoped } from './tenant-scope';
import { createModels } from './index';

// An unopened connection without buffering: a query that passes the scope check fails right after
// with Mongoose's "not connected" error, so the two outcomes are told apart without a database.
const conn = mongoose.createConnection();
const thingSchema = new Schema(
  { workspaceId: { type: Schema.Types.ObjectId, required: true }, name: String },
  { bufferCommands: false },
);
thingSchema.plugin(tenantScoped);
const Thing = conn.model('Thing', thingSchema);
const ws = new Types.ObjectId();

async function outcome(run: () => Promise<unknown>): Promise<'unscoped' | 'scoped'> {
  try {
    await run();
    return 'scoped';
  } catch (err) {
    return err instanceof MissingTenantScopeError ? 'unscoped' : 'scoped';
  }
}

describe('tenantScoped', () => {
  it.each([
    ['find', () => Thing.find({ name: 'x' })],
    ['findOne', () => Thing.findOne({ _id: new Types.ObjectId() })],
    ['findById', () => Thing.findById(new Types.ObjectId())],
    ['exists', () => Thing.exists({ name: 'x' })],
    ['countDocuments', () => Thing.countDocuments()],
    ['estimatedDocumentCount', () => Thing.estimatedDocumentCount()],
    ['distinct', () => Thing.distinct('name')],
    ['updateOne', () => Thing.updateOne({ name: 'x' }, { $set: { name: 'y' } })],
    ['updateMany', () => Thing.updateMany({}, { $set: { name: 'y' } })],
    ['findOneAndUpdate', () => Thing.findOneAndUpdate({ name: 'x' }, { $set: { name: 'y' } })],
    ['deleteOne', () => Thing.deleteOne({ name: 'x' })],
    ['deleteMany', () => Thing.deleteMany({})],
    ['findOneAndDelete', () => Thing.findOneAndDelete({ name: 'x' })],
    ['replaceOne', () => Thing.replaceOne({ name: 'x' }, { workspaceId: ws, name: 'y' })],
    ['aggregate', () => Thing.aggregate([{ $group: { _id: '$name' } }])],
    [
      'aggregate with a late $match',
      () => Thing.aggregate([{ $sort: { name: 1 } }, { $match: { workspaceId: ws } }]),
    ],
    [
      'bulkWrite',
      () => Thing.bulkWrite([{ updateOne: { filter: { name: 'x' }, update: { $set: { name: 'y' } } } }]),
    ],
    ['a null workspaceId', () => Thing.find({ workspaceId: null })],
    ['an undefined workspaceId', () => Thing.find({ workspaceId: undefined })],
    ['$exists', () => Thing.find({ workspaceId: { $exists: true } })],
    ['$ne', () => Thing.find({ workspaceId: { $ne: ws } })],
  ])('refuses %s without a workspace', async (_name, run) => {
    expect(await outcome(run)).toBe('unscoped');
  });

  it.each([
    ['find', () => Thing.find({ workspaceId: ws, name: 'x' })],
    ['string id', () => Thing.findOne({ workspaceId: String(ws) })],
    ['$in', () => Thing.find({ workspaceId: { $in: [ws] } })],
    ['updateOne', () => Thing.updateOne({ workspaceId: ws }, { $set: { name: 'y' } })],
    ['deleteMany', () => Thing.deleteMany({ workspaceId: ws })],
    ['countDocuments', () => Thing.countDocuments({ workspaceId: ws })],
    ['aggregate', () => Thing.aggregate([{ $match: { workspaceId: ws } }, { $group: { _id: '$name' } }])],
    ['bulkWrite', () => Thing.bulkWrite([{ deleteMany: { filter: { workspaceId: ws } } }])],
    ['an explicit opt-out', () => Thing.findOne({ name: 'x' }).setOptions({ [ACROSS_TENANTS]: true })],
  ])('lets %s with a workspace through', async (_name, run) => {
    expect(await outcome(run)).toBe('scoped');
  });

  it('refuses a model that has a workspaceId but forgot the plugin', () => {
    const forgot = new Schema({ workspaceId: Schema.Types.ObjectId });
    expect(() => assertTenantScoped('Forgot', forgot)).toThrow(/not tenantScoped/);
  });

  it('scopes every model but the tenants themselves', () => {
    const models = createModels(mongoose.createConnection());
    const unscoped = Object.entries(models)
      .filter(([, m]) => !m.schema.path('workspaceId'))
      .map(([name]) => name);
    // Store bookkeeping: migrations are the store's; list heads and counters are keyed by
    // `<workspaceId>:…` ids and read only by those ids, never listed. Sign-in failures are counted
    // per email before any workspace is known, by a hash of the email, never listed.
    expect(unscoped).toEqual([
      'Workspace',
      'LoginThrottle',
      'StoreMigration',
      'ListHead',
      'Counter',
      'CountIntent',
    ]);
    expect(Object.keys(models)).toEqual(
      expect.arrayContaining(['User', 'Session', 'Invite', 'AuditEntry', 'Message']),
    );
  });
});
