import type { Migration } from './define-migration';
import { conversationInboxKeys } from './0001-conversation-inbox-keys';
import { workspaceMailKey } from './0002-workspace-mail-key';
import { contactMatchKeys } from './0003-contact-match-keys';
import { listKeysMigration } from './0004-list-keys';
import { kbGapCounts } from './0005-kb-gap-counts';
import { sealPersonalData } from './0006-seal-personal-data';

/**
 * Every data migration, oldest first. Append only: a migration that has run on a store is never
 * edited, and its id never reused.
 */
export const MIGRATIONS: readonly Migration[] = [
  conversationInboxKeys,
  workspaceMailKey,
  contactMatchKeys,
  listKeysMigration,
  kbGapCounts,
  sealPersonalData,
];

export { defineMigration, type Migration } from './define-migration';
export { forEachBatch } from './for-each-batch';
