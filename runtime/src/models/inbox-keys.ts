import type { Model, Schema, Types } from 'mongoose';
import { ACROSS_TENANTS } from './tenant-scope';

/**
 * A conversation's top-level copies of its inbox state, which the store can look up (it pushes
 * down no nested path, `$exists` or `$or`): `assigneeId` is `assignee.agentId`, `inboxKey` where
 * the open conversation waits (see the schema). Inserts get them here; every update that changes
 * status, assignee, teamId or handoff writes them in the same update, so no reader ever sees one
 * without the other. In the test harnesses (KEFU_QUERY_AUDIT=throw) each such update is checked
 * against the document it left, so a writer that forgets them fails its test.
 */
export interface InboxState {
  workspaceId: unknown;
  status?: string | null;
  assignee?: { agentId?: unknown } | null;
  teamId?: unknown;
  handoff?: { at?: unknown } | null;
}

/** Where an open conversation waits: its agent, its team's queue, the workspace's hand-off queue. */
export function inboxKeyOf(c: InboxState): Types.ObjectId | string | undefined {
  if (c.status === 'closed') return undefined;
  const key = c.assignee?.agentId ?? c.teamId ?? (c.handoff?.at ? c.workspaceId : undefined);
  return key ? (key as Types.ObjectId) : undefined;
}

type ConversationModel = Model<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Scope = { _id: unknown; workspaceId: unknown };

/**
 * Puts the conversation in a team (routing, escalation) with `also` set beside: an open, unassigned
 * one now waits in that team's queue; an assigned or closed one keeps its key. Two conditional
 * updates, each leaving the document consistent; returns the one that matched.
 */
export async function joinTeam(model: { Conversation: ConversationModel }, scope: Scope, teamId: unknown, also: Record<string, unknown>) {
  const { Conversation } = model;
  const waiting = await Conversation.updateOne(
    { ...scope, status: 'open', 'assignee.agentId': { $exists: false } },
    { $set: { ...also, teamId, inboxKey: teamId } },
  );
  if (waiting.matchedCount > 0) return waiting;
  return await Conversation.updateOne(scope, { $set: { ...also, teamId } });
}

/**
 * Hands the conversation to a person after a failed step (`set` holds the handoff): an open one
 * with no agent and no team now waits in the workspace's hand-off queue; otherwise its key stays.
 */
export async function handOff(model: { Conversation: ConversationModel }, scope: Scope, set: Record<string, unknown>) {
  const { Conversation } = model;
  const waiting = await Conversation.updateOne(
    { ...scope, status: 'open', 'assignee.agentId': { $exists: false }, teamId: { $exists: false } },
    { $set: { ...set, inboxKey: scope.workspaceId } },
  );
  if (waiting.matchedCount > 0) return waiting;
  return await Conversation.updateOne(scope, { $set: set });
}

/** The fields an update must keep together: the sources and their copies. */
const INBOX_PATHS = ['status', 'assignee', 'teamId', 'handoff', 'assigneeId', 'inboxKey'];

export class InboxKeyDriftError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InboxKeyDriftError';
  }
}

export function inboxKeysKept(schema: Schema): void {
  schema.pre('validate', function () {
    const doc = this as unknown as InboxState & { assigneeId?: unknown; inboxKey?: unknown; isNew: boolean };
    doc.assigneeId = doc.assignee?.agentId ?? undefined;
    doc.inboxKey = inboxKeyOf(doc);
  });
  // insertMany validates each document, so the 'validate' hook above covers it too.
  schema.post(
    ['updateOne', 'updateMany', 'findOneAndUpdate', 'replaceOne', 'findOneAndReplace'],
    { document: false, query: true },
    async function (this: CheckedQuery) {
      if (process.env.KEFU_QUERY_AUDIT !== 'throw') return;
      const changed = pathsOf(this.getUpdate());
      if (!changed.some((p) => INBOX_PATHS.includes(p.split('.')[0]!))) return;
      const id = this.getFilter()._id;
      if (id === undefined) return; // the audit asks for updates by _id on conversations anyway
      const docs = (await this.model
        .find({ _id: id })
        .setOptions({ [ACROSS_TENANTS]: 'the inbox-key check reads back what an update by _id wrote' })
        .lean()) as (InboxState & { _id: unknown; assigneeId?: unknown; inboxKey?: unknown })[];
      for (const doc of docs) {
        const want = { assigneeId: str(doc.assignee?.agentId), inboxKey: str(inboxKeyOf(doc)) };
        const have = { assigneeId: str(doc.assigneeId), inboxKey: str(doc.inboxKey) };
        if (want.assigneeId !== have.assigneeId || want.inboxKey !== have.inboxKey)
          throw new InboxKeyDriftError(
            `Conversation ${String(doc._id)}: an update of ${changed.join(', ')} left assigneeId ${have.assigneeId} ` +
              `and inboxKey ${have.inboxKey}, but its state says ${want.assigneeId} and ${want.inboxKey}: ` +
              `write them in the same update (models/inbox-keys.ts).`,
          );
      }
    },
  );
}

function pathsOf(update: unknown): string[] {
  if (!update || typeof update !== 'object') return [];
  return Object.entries(update).flatMap(([key, value]) =>
    key.startsWith('$') && value && typeof value === 'object' ? Object.keys(value) : key.startsWith('$') ? [] : [key],
  );
}

const str = (v: unknown) => (v === undefined || v === null ? 'none' : String(v));

interface CheckedQuery {
  getUpdate(): unknown;
  getFilter(): Record<string, unknown>;
  model: { find(filter: object): { setOptions(o: object): { lean(): Promise<unknown[]> } } };
}
