import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from './test-database';
import { defaultSlaPolicyId, dropDefaultSlaPolicy, makeDefaultSlaPolicy } from './sla-default';
import { slaDueDates } from './sla-due';

describe("a workspace's default SLA policy", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await startTestDatabase('sla-default');
  });
  afterAll(async () => await db?.stop());

  const policy = (workspaceId: Types.ObjectId | string, isDefault: boolean, minutes: number) =>
    db.models.SlaPolicy.create({
      workspaceId,
      name: `${minutes} min`,
      isDefault,
      targets: { normal: { firstResponseMinutes: minutes, resolutionMinutes: minutes } },
    });

  it('is the flagged policy for a workspace that never named one, until it names one or none', async () => {
    const { models } = db;
    const workspace = await models.Workspace.create({
      name: 'Older shop',
      publicKey: `pk-${new Types.ObjectId()}`,
    });
    const ws = String(workspace._id);
    const flagged = await policy(ws, true, 30);
    const other = await policy(ws, false, 60);
    expect(await defaultSlaPolicyId(models, ws)).toBe(String(flagged._id));
    expect((await slaDueDates(models, ws, 'normal', 0)).slaPolicyId).toEqual(flagged._id);

    // Dropping a policy that is not the default changes nothing.
    await dropDefaultSlaPolicy(models, ws, other._id);
    expect(await defaultSlaPolicyId(models, ws)).toBe(String(flagged._id));
    await makeDefaultSlaPolicy(models, ws, other._id);
    expect(await defaultSlaPolicyId(models, ws)).toBe(String(other._id));
    expect((await slaDueDates(models, ws, 'normal', 0)).slaPolicyId).toEqual(other._id);
    await dropDefaultSlaPolicy(models, ws, other._id);
    expect(await defaultSlaPolicyId(models, ws)).toBeNull();
    // Named "none": the old flag no longer counts.
    expect(await slaDueDates(models, ws, 'normal', 0)).toEqual({});

    const legacy = await models.Workspace.create({
      name: 'Oldest shop',
      publicKey: `pk-${new Types.ObjectId()}`,
    });
    const old = await policy(legacy._id, true, 15);
    await dropDefaultSlaPolicy(models, String(legacy._id), old._id);
    expect(await defaultSlaPolicyId(models, String(legacy._id))).toBeNull();
  });
});
