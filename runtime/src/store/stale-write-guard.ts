/**
 * FerretDB 1.x changes a document by reading it, applying the update in memory and writing the
 * whole document back by `_id`, with no check that it is still the document it read: two writers
 * that race both "win" (a conditional `findOneAndUpdate` has several winners, `$inc` loses counts).
 * These triggers give every write on the embedded store the check MongoDB makes itself: each
 * document carries a revision `_rev`, a write must carry the revision it read, and the trigger bumps
 * it. A write computed from a stale read fails with `kefu_stale_write` (SQLSTATE 40001), and
 * stale-write-retry runs the driver call again, which reads the document afresh.
 *
 * `_rev` lives in FerretDB's own document encoding (sjson: the values, plus `$s` with each field's
 * type and the key order), so FerretDB reads it back like any field.
 */
export const STALE_WRITE_MARK = 'kefu_stale_write';

export const GUARD_SCHEMA = 'kefu_store';

export const guardFunctionsSql = `
CREATE SCHEMA IF NOT EXISTS ${GUARD_SCHEMA};

CREATE OR REPLACE FUNCTION ${GUARD_SCHEMA}.with_rev(doc jsonb, rev bigint) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN doc ? '_rev' THEN jsonb_set(doc, '{_rev}', to_jsonb(rev))
  ELSE jsonb_set(jsonb_set(jsonb_set(doc,
    '{$s,p,_rev}', '{"t":"long"}'),
    '{$s,$k}', (doc->'$s'->'$k') || '["_rev"]'),
    '{_rev}', to_jsonb(rev)) END
$$;

CREATE OR REPLACE FUNCTION ${GUARD_SCHEMA}.rev_on_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT (NEW._jsonb ? '_rev') THEN
    NEW._jsonb := ${GUARD_SCHEMA}.with_rev(NEW._jsonb, 0);
  END IF;
  RETURN NEW;
END $$;

-- A document without _rev in the write is a whole replacement (replaceOne), which is last-writer-
-- wins on MongoDB too; every update FerretDB computes keeps the _rev it read.
CREATE OR REPLACE FUNCTION ${GUARD_SCHEMA}.rev_on_update() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  current_rev bigint := COALESCE((OLD._jsonb->>'_rev')::bigint, 0);
BEGIN
  IF NEW._jsonb ? '_rev' AND (NEW._jsonb->>'_rev')::bigint <> current_rev THEN
    RAISE EXCEPTION '${STALE_WRITE_MARK}: % changed after it was read', TG_TABLE_NAME
      USING ERRCODE = '40001';
  END IF;
  NEW._jsonb := ${GUARD_SCHEMA}.with_rev(NEW._jsonb, current_rev + 1);
  RETURN NEW;
END $$;
`;

/** Installs the guard on one of FerretDB's tables; documents written before it get `_rev` 0. */
export function guardTableSql(table: string): string {
  return `
CREATE OR REPLACE TRIGGER kefu_rev_insert BEFORE INSERT ON ${table}
  FOR EACH ROW EXECUTE FUNCTION ${GUARD_SCHEMA}.rev_on_insert();
UPDATE ${table} SET _jsonb = ${GUARD_SCHEMA}.with_rev(_jsonb, 0) WHERE NOT (_jsonb ? '_rev');
CREATE OR REPLACE TRIGGER kefu_rev_update BEFORE UPDATE ON ${table}
  FOR EACH ROW EXECUTE FUNCTION ${GUARD_SCHEMA}.rev_on_update();
`;
}
