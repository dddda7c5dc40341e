import { Types } from 'mongoose';
import type { ContactImportProblem } from '@kefu/schemas/api';
import { idForKey, type Models } from '../../models';
import { withKeys } from '../../models/contact-keys';
import type { KeyedDoc, KeyLookup } from '../../store/find-by-keys';
import { readContactRow, type ContactColumns, type ContactRow } from '../contact-csv';
import { emailIndex, phoneIndex } from '../blind-keys';

export interface BatchOutcome {
  created: number;
  updated: number;
  problems: ContactImportProblem[];
}

export interface BatchContext {
  models: Models;
  lookup: KeyLookup;
  workspaceId: string;
  importId: string;
}

/** Imported contacts have no widget visitor; this prefix is outside the widget's visitor id pattern. */
const IMPORTED_VISITOR = 'import:';
const MATCH_FIELDS = ['visitorId', 'mergedInto', 'emailKey', 'phoneKey', 'importedFrom'] as const;

/**
 * Imports one batch of CSV records. A row whose id, email or phone matches a contact updates it
 * (id first, then email, then phone, as before); others create contacts. Matching is three batched
 * equality lookups on indexed keys, whatever the workspace's size; writes are one insertMany and
 * one bulkWrite.
 *
 * Every contact it writes is marked with the import and line (`importedFrom`). So a batch run
 * again after a crash counts what its first run did once (a created contact's `_id` also comes
 * from the import and line, so even a row without email or phone collides instead of doubling),
 * and a row that is the same contact as an earlier row of the file is reported as a duplicate,
 * in this batch or an earlier one alike.
 */
export async function importBatch(
  ctx: BatchContext,
  columns: ContactColumns,
  records: readonly { fields: string[]; line: number }[],
): Promise<BatchOutcome> {
  const problems: ContactImportProblem[] = [];
  const rows: ContactRow[] = [];
  // The same contact twice in this batch: later rows are reported. Across batches the store
  // answers (see importedFrom).
  const seen = new Map<string, number>();
  for (const { fields, line } of records) {
    const read = readContactRow(columns, fields, line);
    if (!read.ok) {
      problems.push(read.problem);
      continue;
    }
    const keys = rowKeys(read.row);
    const earlier = keys.map((k) => seen.get(k)).find((r) => r !== undefined);
    if (earlier !== undefined) {
      problems.push(
        duplicate(read.row, seen.has(emailIndex(read.row.email) ?? '') ? 'email' : 'phone', earlier),
      );
      continue;
    }
    for (const k of keys) seen.set(k, line);
    rows.push(read.row);
  }

  const [byId, byEmail, byPhone] = await Promise.all([
    lookup(
      ctx,
      '_id',
      rows.map((r) => r.id),
    ),
    lookup(
      ctx,
      'emailKey',
      rows.map((r) => emailIndex(r.email)),
    ),
    lookup(
      ctx,
      'phoneKey',
      rows.map((r) => phoneIndex(r.phone)),
    ),
  ]);

  const now = new Date();
  const creates: Record<string, unknown>[] = [];
  const updates: { row: ContactRow; id: string }[] = [];
  /** Contacts an earlier row of this batch updates, by id: the line that does. */
  const claimed = new Map<string, number>();
  let created = 0;
  let updated = 0;
  for (const row of rows) {
    const [via, match] = matchOf(row, byId, byEmail, byPhone);
    const mark = match?.importedFrom?.startsWith(`${ctx.importId}:`)
      ? Number(match.importedFrom.slice(ctx.importId.length + 1))
      : undefined;
    const earlier = mark !== undefined && mark !== row.row ? mark : match && claimed.get(match._id);
    if (earlier !== undefined) problems.push(duplicate(row, via, earlier));
    else if (mark === row.row) {
      // Written by this very row in an earlier run of the batch.
      if (match!.visitorId === visitorOf(ctx, row)) created++;
      else updated++;
    } else if (match) {
      claimed.set(match._id, row.row);
      updates.push({ row, id: match._id });
    } else creates.push(newContact(ctx, row, now));
  }

  created += await insertContacts(ctx, creates, problems);
  updated += await updateContacts(ctx, updates, problems);
  return { created, updated, problems: problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)) };
}

/** Matchable contacts by the looked-up value: not merged away, the oldest when several share it. */
async function lookup(
  ctx: BatchContext,
  field: '_id' | 'emailKey' | 'phoneKey',
  values: (string | null | undefined)[],
): Promise<Map<string, KeyedDoc>> {
  const wanted = values.filter((v): v is string => !!v);
  const docs = await ctx.lookup.find(
    ctx.models.Contact as never,
    ctx.workspaceId,
    field,
    wanted,
    MATCH_FIELDS,
  );
  const found = new Map<string, KeyedDoc>();
  for (const doc of docs.sort((a, b) => a._id.localeCompare(b._id))) {
    const key = doc[field];
    if (key && !doc.mergedInto && !found.has(key)) found.set(key, doc);
  }
  return found;
}

/** The contact a row updates, and which of its values found it: id first, then email, then phone. */
function matchOf(
  row: ContactRow,
  byId: Map<string, KeyedDoc>,
  byEmail: Map<string, KeyedDoc>,
  byPhone: Map<string, KeyedDoc>,
): ['id' | 'email' | 'phone', KeyedDoc | undefined] {
  const id = row.id && byId.get(row.id);
  if (id) return ['id', id];
  const email = byEmail.get(emailIndex(row.email) ?? '');
  if (email) return ['email', email];
  return ['phone', byPhone.get(phoneIndex(row.phone) ?? '')];
}

const visitorOf = (ctx: BatchContext, row: ContactRow) => `${IMPORTED_VISITOR}${ctx.importId}:${row.row}`;
const markOf = (ctx: BatchContext, row: ContactRow) => `${ctx.importId}:${row.row}`;

function newContact(ctx: BatchContext, row: ContactRow, now: Date): Record<string, unknown> {
  const keys = { emailKey: emailIndex(row.email), phoneKey: phoneIndex(row.phone) };
  return {
    _id: idForKey(`contact-import/${ctx.importId}/${row.row}`),
    workspaceId: new Types.ObjectId(ctx.workspaceId),
    visitorId: visitorOf(ctx, row),
    importedFrom: markOf(ctx, row),
    ...(row.name ? { name: row.name } : {}),
    ...(row.email ? { email: row.email } : {}),
    ...(row.phone ? { phone: row.phone } : {}),
    ...(keys.emailKey ? { emailKey: keys.emailKey } : {}),
    ...(keys.phoneKey ? { phoneKey: keys.phoneKey } : {}),
    tags: row.tags,
    attributes: row.attributes,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * One insertMany for the batch's new contacts, unordered so one refused row costs only itself.
 * Lean: the documents are built complete above (keys, timestamps), and hydrating each costs
 * more than storing it. A duplicate `_id` is a row an earlier run of this batch created.
 */
async function insertContacts(
  ctx: BatchContext,
  docs: Record<string, unknown>[],
  problems: ContactImportProblem[],
): Promise<number> {
  if (docs.length === 0) return 0;
  try {
    await ctx.models.Contact.insertMany(docs, { ordered: false, lean: true });
    return docs.length;
  } catch (err) {
    const writeErrors = (err as { writeErrors?: { index: number; code?: number; err?: { code?: number } }[] })
      .writeErrors;
    if (!writeErrors) throw err;
    let refused = 0;
    for (const e of writeErrors) {
      if ((e.code ?? e.err?.code) === 11000) continue;
      refused++;
      const line = Number(String(docs[e.index]?.importedFrom).split(':').at(-1));
      problems.push({ row: line, code: 'invalid', message: 'the database refused this row' });
    }
    return docs.length - refused;
  }
}

/**
 * One bulkWrite for the rows that update a contact. bulkWrite skips the query middleware that keeps
 * the match keys, so the update carries them itself, and it is never retried on a stale write: a
 * refused row is run again alone (updateOne retries), which is safe because the update only sets
 * values and adds tags.
 */
async function updateContacts(
  ctx: BatchContext,
  updates: { row: ContactRow; id: string }[],
  problems: ContactImportProblem[],
): Promise<number> {
  if (updates.length === 0) return 0;
  const { Contact } = ctx.models;
  const ops = updates.map(({ row, id }) => ({
    filter: { _id: id, workspaceId: ctx.workspaceId },
    update: withKeys({
      $set: {
        importedFrom: markOf(ctx, row),
        ...(row.name ? { name: row.name } : {}),
        ...(row.email ? { email: row.email } : {}),
        ...(row.phone ? { phone: row.phone } : {}),
        ...Object.fromEntries(Object.entries(row.attributes).map(([k, v]) => [`attributes.${k}`, v])),
      },
      ...(row.tags.length ? { $addToSet: { tags: { $each: row.tags } } } : {}),
    }),
  }));
  let failed: number[] = [];
  try {
    await Contact.bulkWrite(ops.map(({ filter, update }) => ({ updateOne: { filter, update } })) as never, {
      ordered: false,
    });
  } catch (err) {
    const writeErrors = (err as { writeErrors?: { index: number }[] }).writeErrors;
    if (!writeErrors) throw err;
    failed = writeErrors.map((e) => e.index);
  }
  let refused = 0;
  for (const i of failed) {
    try {
      await Contact.updateOne(ops[i]!.filter, ops[i]!.update);
    } catch {
      refused++;
      problems.push({ row: updates[i]!.row.row, code: 'invalid', message: 'the database refused this row' });
    }
  }
  return updates.length - refused;
}

function rowKeys(row: ContactRow): string[] {
  return [emailIndex(row.email), phoneIndex(row.phone)].filter((k): k is string => !!k);
}

function duplicate(row: ContactRow, field: 'id' | 'email' | 'phone', earlier: number): ContactImportProblem {
  return {
    row: row.row,
    field,
    code: 'duplicate',
    message: `same contact as row ${earlier}`,
  };
}
