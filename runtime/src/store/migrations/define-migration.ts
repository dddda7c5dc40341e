import type { Models } from '../../models';

/**
 * A change to stored data that code needs before it runs: a new top-level key backfilled, a
 * value reshaped. Runs once per store, at start, before the API or the worker serve (openStore).
 * It may be interrupted at any point and run again from the start, so `up` must be idempotent:
 * change only documents that still need it.
 */
export interface Migration {
  /** `NNNN-what-it-does`: runs in this order, and the id is its claim. */
  id: string;
  up(models: Models, log: (msg: string) => void): Promise<Record<string, unknown> | void>;
}

export const defineMigration = (migration: Migration): Migration => migration;
