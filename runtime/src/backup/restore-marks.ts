/**
 * Where a restore notes what it is doing (`_id` `database` or `workspace:<id>`, the backup's id,
 * `running` then `done`): a restore run again with the same file finishes the one that stopped
 * instead of taking its documents for someone else's data. Never part of a backup.
 */
export const RESTORE_MARKS = 'kefurestores';

export interface RestoreMark {
  _id: string;
  backupId: string;
  state: 'running' | 'done';
  at: Date;
}
