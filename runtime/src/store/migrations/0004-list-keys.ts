import type { Model } from 'mongoose';
import type { Models } from '../../models';
import { countSpecOf } from '../../models/counted';
import { resetCounts } from '../../models/counters';
import { listId, listKeySpecOf, pageKey } from '../../models/list-keys';
import { defineMigration } from './define-migration';
import { forEachBatch } from './for-each-batch';

/**
 * Gives data stored before list keys existed what the models now keep on every write
 * (models/list-keys.ts, models/counted.ts): each item its ordinal and page key in its lists, in
 * the order it was stored; its derived keys (statusKey, emailKey, phoneKey, nameKeys); what it is
 * counted in; and the counters their totals.
 *
 * Ordinals are each item's rank by (time stored, _id) in its list, so a run interrupted and run
 * again computes the same ones. It runs before any process of this version serves (openStore), so
 * no writer takes ordinals meanwhile. Memory: about 200 bytes per document, held for the whole
 * of one collection; writes only the documents that differ.
 */
export const listKeysMigration = defineMigration({
  id: '0004-list-keys-and-counts',
  async up(models, log) {
    const targets: [keyof Models, string][] = [
      ['Ticket', 'createdAt'],
      ['Contact', 'createdAt'],
      ['Conversation', 'createdAt'],
      ['FlowRun', 'startedAt'],
      ['AuditEntry', 'at'],
    ];
    const result: Record<string, { documents: number; updated: number }> = {};
    for (const [name, timeField] of targets) {
      result[name] = await backfill(models[name] as unknown as Model<unknown>, timeField);
      if (result[name].documents) log(`store migration 0004: ${name} ${JSON.stringify(result[name])}`);
    }
    return result;
  },
});

type Row = Record<string, unknown> & {
  _id: { toString(): string; getTimestamp?(): Date };
  workspaceId: unknown;
};

interface Plan {
  workspaceId: unknown;
  /** What the document should hold, and what it holds now, for the fields this sets. */
  want: Record<string, unknown>;
  has: Record<string, unknown>;
}

async function backfill(
  model: Model<unknown>,
  timeField: string,
): Promise<{ documents: number; updated: number }> {
  const { sequences, derived } = listKeySpecOf(model);
  const countSpec = countSpecOf(model);
  const plans = new Map<string, Plan>();
  const lists = new Map<string, { seq: number; members: { id: string; t: number }[] }>();
  const counts = new Map<string, number>();

  await forEachBatch(model as unknown as Model<Row>, {}, 500, async (batch) => {
    for (const doc of batch) {
      const id = String(doc._id);
      const ws = String(doc.workspaceId);
      const plan: Plan = { workspaceId: doc.workspaceId, want: {}, has: {} };
      const want = (field: string, value: unknown) => {
        plan.want[field] = value ?? null;
        plan.has[field] = doc[field] ?? null;
      };
      for (const d of derived) want(d.field, d.key(ws, doc[d.from]));
      if (countSpec) {
        const names = countSpec.counts(doc);
        want('counted', names);
        for (const name of names) counts.set(`${ws}:${name}`, (counts.get(`${ws}:${name}`) ?? 0) + 1);
      }
      sequences.forEach((s, seq) => {
        const list = s.list(doc);
        if (!list) return;
        const key = listId(ws, list);
        const entry = lists.get(key) ?? { seq, members: [] };
        entry.members.push({ id, t: timeOf(doc, timeField) });
        lists.set(key, entry);
        plan.has[s.page] = doc[s.page] ?? null;
        plan.has[s.seq] = doc[s.seq] ?? null;
      });
      plans.set(id, plan);
    }
  });

  const ListHead = model.db.model('ListHead');
  for (const [key, { seq, members }] of lists) {
    const s = sequences[seq]!;
    members.sort((a, b) => a.t - b.t || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    members.forEach(({ id }, i) => {
      const plan = plans.get(id)!;
      plan.want[s.page] = pageKey(key, i + 1);
      plan.want[s.seq] = i + 1;
    });
    await ListHead.updateOne({ _id: key }, { $max: { n: members.length } }, { upsert: true });
  }

  let updated = 0;
  const pending = [...plans].filter(
    ([, p]) => JSON.stringify(p.want) !== JSON.stringify(pick(p.has, p.want)),
  );
  for (let i = 0; i < pending.length; i += 8) {
    await Promise.all(
      pending.slice(i, i + 8).map(async ([id, plan]) => {
        const $set: Record<string, unknown> = {};
        const $unset: Record<string, 1> = {};
        for (const [field, value] of Object.entries(plan.want)) {
          if (value === null) $unset[field] = 1;
          else $set[field] = value;
        }
        await model.updateOne(
          { _id: id, workspaceId: plan.workspaceId },
          {
            ...(Object.keys($set).length ? { $set } : {}),
            ...(Object.keys($unset).length ? { $unset } : {}),
          },
        );
        updated++;
      }),
    );
  }
  if (countSpec) await resetCounts(model.db, counts);
  return { documents: plans.size, updated };
}

function timeOf(doc: Row, field: string): number {
  const value = doc[field];
  if (value instanceof Date) return value.getTime();
  return doc._id.getTimestamp?.().getTime() ?? 0;
}

function pick(from: Record<string, unknown>, like: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(like).map((k) => [k, from[k] ?? null]));
}
