import type { Role, User, WorkspaceSettings } from '@kefu/schemas/api';
import { seesPersonalData } from '../privacy/pii-view';

/** A user as the API shows it: never the hash or the lock-out counters. */
export function toWireUser(doc: {
  _id: unknown;
  email: string;
  name: string;
  roles: string[];
  disabled?: boolean | null;
  viewPersonalData?: boolean | null;
  createdAt: Date;
}): User {
  return {
    id: String(doc._id),
    email: doc.email,
    name: doc.name,
    roles: doc.roles as Role[],
    disabled: Boolean(doc.disabled),
    viewPersonalData: seesPersonalData(doc),
    createdAt: new Date(doc.createdAt).toISOString(),
  };
}

export function toWireWorkspace(doc: {
  _id: unknown;
  name: string;
  publicKey: string;
  timeZone?: string | null;
}): WorkspaceSettings {
  return { id: String(doc._id), name: doc.name, publicKey: doc.publicKey, timeZone: doc.timeZone ?? 'UTC' };
}
