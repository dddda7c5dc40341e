// What the worker's retention sweep and the tests use of the privacy tools.
export {
  sweepRetention,
  workspacesWithRetention,
  SWEEP_BATCH,
  type SweepPositions,
  type SweepResult,
} from './retention';
export { eraseContact, exportContact, ContactInConversation } from './erase-contact';
export { ensureRetentionSchedule, RETENTION_HOUR_UTC } from './retention-schedule';
