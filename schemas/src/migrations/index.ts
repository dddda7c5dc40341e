import type { DraftMigration } from './draft-migration';
import { toV1 } from './to-v1';

export type { DraftMigration } from './draft-migration';

/** `DRAFT_MIGRATIONS[n]` takes a draft from version n to n + 1; the last one ends at the current version. */
export const DRAFT_MIGRATIONS: readonly DraftMigration[] = [toV1];

export type MigrateResult =
  { ok: true; draft: Record<string, unknown>; from: number } | { ok: false; message: string };

/**
 * Brings a stored draft of any earlier format to the current one, step by step. The result's shape is
 * not validated here (the compiler does that); this only decides which steps apply. Pure: no ajv, so the
 * root entry stays safe for the workflow bundle.
 */
export function migrateDraft(input: unknown): MigrateResult {
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    return { ok: false, message: 'a flow draft must be a JSON object' };
  let draft = input as Record<string, unknown>;
  const stated = draft.schemaVersion;
  const from = stated === undefined ? 0 : stated;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 0)
    return { ok: false, message: 'schemaVersion must be a whole number' };
  if (from > DRAFT_MIGRATIONS.length)
    return { ok: false, message: `schemaVersion ${from} is newer than this server understands` };
  for (let version = from; version < DRAFT_MIGRATIONS.length; version++)
    draft = (DRAFT_MIGRATIONS[version] as DraftMigration)(draft);
  return { ok: true, draft, from };
}
