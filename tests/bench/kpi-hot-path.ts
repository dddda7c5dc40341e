import { Types } from 'mongoose';
import { markFirst, type Models } from '@kefu/runtime/models';
import { sampleUntil, type Summary } from './stats';

/**
 * What the KPI rollups cost the request path: the product's writes that touch a KPI field (a
 * conversation stored as the widget opens it; the first agent reply's mark, as the inbox reply
 * does), each timed alone, beside a floor in the same run: one raw driver update of one document
 * by its key (a single store round trip, no model hooks).
 */
export async function kpiHotPath(
  models: Models,
  workspaceId: string,
): Promise<{ open: Summary; reply: Summary; floor: Summary }> {
  const { Conversation } = models;
  const limits = { minSamples: 200, minSeconds: 5, maxSeconds: 60 };
  const ids: Types.ObjectId[] = [];
  const open = await sampleUntil(async () => {
    const _id = new Types.ObjectId();
    ids.push(_id);
    await Conversation.create({
      _id,
      workspaceId,
      contactId: new Types.ObjectId(),
      channel: 'web',
      createdAt: new Date(),
    });
  }, limits);
  let n = 0;
  // Each reply on a conversation not replied to yet (markFirst writes only the first).
  const reply = await sampleUntil(
    async () => {
      const _id = ids[n++ % ids.length]!;
      await markFirst(Conversation as never, { _id, workspaceId }, 'firstResponseAt', new Date());
    },
    { minSamples: Math.min(200, ids.length - 1), minSeconds: 0, maxSeconds: 60 },
  );
  const ws = new Types.ObjectId(workspaceId);
  const floor = await sampleUntil(async () => {
    const _id = ids[n++ % ids.length]!;
    await Conversation.collection.updateOne(
      { _id, workspaceId: ws },
      { $set: { benchTouchedAt: new Date() } },
    );
  }, limits);
  return { open, reply, floor };
}
