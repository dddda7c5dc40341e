import type { DraftMigration } from './draft-migration';

/**
 * Version 0 is a draft saved before drafts carried `schemaVersion`; its shape is otherwise version 1.
 * Later steps go in their own files (`to-v2.ts`, ...), each taking exactly one step.
 */
export const toV1: DraftMigration = (draft) => ({ ...draft, schemaVersion: 1 });
