import type { Types } from 'mongoose';
import { type Model } from 'mongoose';
import type { Models } from '../models';

/**
 * Which documents of each collection belong to one workspace: the one place a workspace backup,
 * a restore of one workspace and `--replace` learn it, each as a query the store serves from an
 * index (an equality lookup, or a prefix of `_id`) and as a test on a document already read.
 */
export interface CollectionScope {
  collection: string;
  /** The query that selects the workspace's documents; null: the collection holds none. */
  filter(workspaceId: Types.ObjectId): Record<string, unknown>;
  /** The same selection, on a document read from a whole-database backup. */
  holds(doc: Record<string, unknown>, workspaceId: Types.ObjectId): boolean;
}

/**
 * Models without a workspaceId field, and how each is tied to a workspace. A new model must be
 * named here or carry workspaceId, or workspaceScopes throws (and the backup test fails).
 */
const SCOPE_OF: Record<string, 'self' | 'id-prefix' | 'workspaces' | 'global' | 'skip'> = {
  Workspace: 'self',
  // `_id` is `<workspaceId>:<list>` and `<workspaceId>:<count>#<shard>`.
  ListHead: 'id-prefix',
  Counter: 'id-prefix',
  CountIntent: 'workspaces',
  // Which data migrations the documents have been through: restored with them into an empty store.
  StoreMigration: 'global',
  // Failed sign-ins per email: not a workspace's data, and of no use once a lock has lapsed.
  LoginThrottle: 'skip',
};

/** Tenant models left out of a workspace backup: short-lived claims, not data. */
const TRANSIENT = new Set([
  // Signed-in browsers: a restored workspace signs in again (and a backup holds no live sessions).
  'Session',
  // Claims held for seconds by a running process.
  'Lease',
]);

export function workspaceScopes(models: Models): { scopes: CollectionScope[]; global: string[] } {
  const scopes: CollectionScope[] = [];
  const global: string[] = [];
  for (const [name, model] of Object.entries(models) as [string, Model<unknown>][]) {
    const collection = model.collection.collectionName;
    const kind = SCOPE_OF[name];
    if (TRANSIENT.has(name) || kind === 'skip') continue;
    if (kind === 'global') {
      global.push(collection);
      continue;
    }
    if (kind === 'self')
      scopes.push({
        collection,
        filter: (ws) => ({ _id: ws }),
        holds: (doc, ws) => sameId(doc._id, ws),
      });
    else if (kind === 'id-prefix')
      scopes.push({
        collection,
        // Anchored: MongoDB walks the `_id` index from the prefix; the embedded store reads the
        // collection (list heads and counter shards: a few per list or count, not per item).
        filter: (ws) => ({ _id: { $regex: `^${String(ws)}:` } }),
        holds: (doc, ws) => typeof doc._id === 'string' && doc._id.startsWith(`${String(ws)}:`),
      });
    else if (kind === 'workspaces')
      scopes.push({
        collection,
        filter: (ws) => ({ workspaces: String(ws) }),
        holds: (doc, ws) => Array.isArray(doc.workspaces) && doc.workspaces.includes(String(ws)),
      });
    else {
      const path = model.schema.path('workspaceId');
      if (!path)
        throw new Error(`${name} has no workspaceId: say how a workspace backup finds its documents`);
      const asString = path.instance === 'String';
      scopes.push({
        collection,
        filter: (ws) => ({ workspaceId: asString ? String(ws) : ws }),
        holds: (doc, ws) => sameId(doc.workspaceId, ws),
      });
    }
  }
  return { scopes, global };
}

function sameId(value: unknown, ws: Types.ObjectId): boolean {
  return value != null && String(value) === String(ws);
}
