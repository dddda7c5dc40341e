export { writeBackup, type BackupOptions } from './write-backup';
export {
  restoreBackup,
  RestoreInterruptedError,
  RestoreRefusedError,
  type RestoreOptions,
  type RestoreSummary,
} from './restore-backup';
export { readBackup } from './read-backup';
export { CorruptBackupError, EJSON, type BackupHeader } from './backup-format';
export { workspaceScopes } from './workspace-scope';
