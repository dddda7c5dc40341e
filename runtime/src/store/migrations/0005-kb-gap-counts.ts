import type { Types } from 'mongoose';
import { defineMigration } from './define-migration';
import { forEachBatch } from './for-each-batch';

type Hit = { workspaceId: Types.ObjectId; kind: string; articleId?: Types.ObjectId | null; key: string };
type Gap = Hit & { _id: Types.ObjectId; status: string; count?: number; statusKey?: string };

/**
 * Knowledge-base gaps stored before they kept their own count (models/kb-gap.ts) get it, summed
 * once from their hits, and the `statusKey` the list reads them by. Writes only gaps that differ,
 * so a second run changes nothing.
 */
export const kbGapCounts = defineMigration({
  id: '0005-kb-gap-counts',
  async up({ KbGap, KbGapHit }) {
    const counts = new Map<string, number>();
    const hits = await forEachBatch(KbGapHit, {}, 1000, async (batch) => {
      for (const hit of batch as unknown as Hit[]) counts.set(gapOf(hit), (counts.get(gapOf(hit)) ?? 0) + 1);
    });
    let changed = 0;
    const gaps = await forEachBatch(KbGap, {}, 500, async (batch) => {
      for (const gap of batch as unknown as Gap[]) {
        const count = counts.get(gapOf(gap)) ?? 0;
        const statusKey = `${String(gap.workspaceId)}:${gap.status}`;
        if (gap.count === count && gap.statusKey === statusKey) continue;
        changed++;
        await KbGap.updateOne({ _id: gap._id, workspaceId: gap.workspaceId }, { $set: { count, statusKey } });
      }
    });
    return { hits, gaps, changed };
  },
});

function gapOf(g: Hit): string {
  return `${String(g.workspaceId)}\u0001${g.kind}\u0001${g.articleId ? String(g.articleId) : ''}\u0001${g.key}`;
}
