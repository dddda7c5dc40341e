import { describe, expect, it } from 'vitest';
import { DRAFT_MIGRATIONS, migrateDraft } from '.';
import { DRAFT_SCHEMA_VERSION } from '../flow';

describe('migrateDraft', () => {
  it('has one migration per version step up to the current version', () => {
    expect(DRAFT_MIGRATIONS).toHaveLength(DRAFT_SCHEMA_VERSION);
  });

  it('leaves a current draft as it is', () => {
    const draft = { schemaVersion: 1, name: 'x', kind: 'custom', nodes: [], edges: [] };
    expect(migrateDraft(draft)).toEqual({ ok: true, draft, from: 1 });
  });

  it('stamps a draft saved before versioning as version 1', () => {
    const result = migrateDraft({ name: 'x', kind: 'custom', nodes: [], edges: [] });
    expect(result).toMatchObject({ ok: true, from: 0, draft: { schemaVersion: 1, name: 'x' } });
  });

  it('refuses a version from the future and non-objects', () => {
    expect(migrateDraft({ schemaVersion: 99 })).toMatchObject({ ok: false });
    expect(migrateDraft({ schemaVersion: '1' })).toMatchObject({ ok: false });
    expect(migrateDraft([])).toMatchObject({ ok: false });
    expect(migrateDraft(null)).toMatchObject({ ok: false });
  });
});
