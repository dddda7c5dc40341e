import type { LocalText } from '@kefu/nodes';
import { compileFlow, type FlowProblem } from '@kefu/nodes/compiler';
import type { FlowDraft, FlowKind } from '@kefu/schemas';

export interface FlowSummary {
  id: string;
  name: string;
  kind: FlowKind;
  status: 'draft' | 'published';
  activeVersion?: number;
  lastPublishedAt?: string;
  updatedAt: string;
}

export interface FlowRecord extends FlowSummary {
  draft: FlowDraft;
  /** Optimistic concurrency: a save names the revision it was based on. */
  revision: number;
}

export interface FlowVersion {
  version: number;
  publishedAt: string;
  hash: string;
  draft: FlowDraft;
}

export interface FlowTemplate {
  id: string;
  kind: FlowKind;
  name: LocalText;
  description: LocalText;
  draft: FlowDraft;
}

export type PublishResult = { ok: true; version: number } | { ok: false; problems: FlowProblem[] };

/** A save based on a stale revision; `current` is what the other side saved, nothing is overwritten. */
export class FlowConflictError extends Error {
  constructor(readonly current: FlowRecord) {
    super('The flow was changed elsewhere');
  }
}

/**
 * What the designer needs from the flows API. The REST routes (issue 4) have not landed, so this
 * implementation keeps flows in the browser's localStorage with the same contract (revisions, 409
 * conflicts, compile-on-publish with the server's compiler, numbered immutable versions); swapping
 * in the HTTP client touches only this file.
 */
export interface FlowStoreApi {
  list(): Promise<FlowSummary[]>;
  get(id: string): Promise<FlowRecord>;
  create(draft: FlowDraft): Promise<FlowRecord>;
  saveDraft(id: string, draft: FlowDraft, baseRevision: number): Promise<{ revision: number }>;
  publish(id: string): Promise<PublishResult>;
  versions(id: string): Promise<FlowVersion[]>;
  rollback(id: string, version: number): Promise<PublishResult>;
  templates(): Promise<FlowTemplate[]>;
}

export class FlowNotFoundError extends Error {}

export function createLocalFlowStore(storage: Storage, templates: () => Promise<FlowTemplate[]>): FlowStoreApi {
  const read = <T>(key: string): T | null => {
    const text = storage.getItem(key);
    return text ? (JSON.parse(text) as T) : null;
  };
  const write = (key: string, value: unknown) => storage.setItem(key, JSON.stringify(value));
  const ids = () => read<string[]>('kefu.flows') ?? [];
  const load = (id: string) => {
    const record = read<FlowRecord>(`kefu.flow.${id}`);
    if (!record) throw new FlowNotFoundError(id);
    return record;
  };
  const summary = ({ draft: _draft, revision: _revision, ...rest }: FlowRecord): FlowSummary => rest;
  const now = () => new Date().toISOString();

  const api: FlowStoreApi = {
    async list() {
      return ids()
        .flatMap((id) => {
          const record = read<FlowRecord>(`kefu.flow.${id}`);
          return record ? [summary(record)] : [];
        })
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    },
    async get(id) {
      return load(id);
    },
    async create(draft) {
      const id = `flow-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
      const record: FlowRecord = { id, name: draft.name, kind: draft.kind, status: 'draft', updatedAt: now(), draft, revision: 1 };
      write(`kefu.flow.${id}`, record);
      write('kefu.flows', [...ids(), id]);
      return record;
    },
    async saveDraft(id, draft, baseRevision) {
      const record = load(id);
      if (record.revision !== baseRevision) throw new FlowConflictError(record);
      const next = { ...record, draft, name: draft.name, kind: draft.kind, revision: record.revision + 1, updatedAt: now() };
      write(`kefu.flow.${id}`, next);
      return { revision: next.revision };
    },
    async publish(id) {
      const record = load(id);
      const compiled = compileFlow(record.draft);
      if (!compiled.ok) return { ok: false, problems: compiled.problems };
      const versions = read<FlowVersion[]>(`kefu.flow.${id}.versions`) ?? [];
      const version = (versions.at(-1)?.version ?? 0) + 1;
      write(`kefu.flow.${id}.versions`, [...versions, { version, publishedAt: now(), hash: compiled.flow.hash, draft: record.draft }]);
      write(`kefu.flow.${id}`, { ...record, status: 'published', activeVersion: version, lastPublishedAt: now() });
      return { ok: true, version };
    },
    async versions(id) {
      load(id);
      return (read<FlowVersion[]>(`kefu.flow.${id}.versions`) ?? []).slice().reverse();
    },
    async rollback(id, version) {
      const record = load(id);
      const old = (read<FlowVersion[]>(`kefu.flow.${id}.versions`) ?? []).find((v) => v.version === version);
      if (!old) throw new FlowNotFoundError(`${id}@${version}`);
      write(`kefu.flow.${id}`, { ...record, draft: old.draft, revision: record.revision + 1, updatedAt: now() });
      return api.publish(id);
    },
    templates,
  };
  return api;
}
