import type { Model } from 'mongoose';
import { defineMigration } from './define-migration';
import { forEachBatch } from './for-each-batch';

type Row = { _id: unknown; publicKey: string; mailKey?: string };

/** Workspaces stored before mail looked them up by `mailKey` (publicKey in lower case) get it. */
export const workspaceMailKey = defineMigration({
  id: '0002-workspace-mail-key',
  async up({ Workspace }) {
    let changed = 0;
    const seen = await forEachBatch(Workspace as unknown as Model<Row>, {}, 500, async (batch) => {
      for (const w of batch) {
        const mailKey = w.publicKey.toLowerCase();
        if (w.mailKey === mailKey) continue;
        changed++;
        await Workspace.updateOne({ _id: w._id }, { $set: { mailKey } });
      }
    });
    return { seen, changed };
  },
});
