import type { LocalText } from '@kefu/nodes';
import type { FlowProblem } from '@kefu/nodes/compiler';
import type { FlowDraft, FlowKind } from '@kefu/schemas';
import type {
  EntryFilter,
  FlowDetail,
  FlowLineup,
  FlowSummary as WireSummary,
  FlowVersionSummary,
} from '@kefu/schemas/api';

export type { EntryFilter, FlowLineup };

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
  publishedBy: string;
  hash: string;
  active: boolean;
  rolledBackFrom?: number;
}

export interface FlowTemplate {
  id: string;
  kind: FlowKind;
  name: LocalText;
  description: LocalText;
  draft: FlowDraft;
}

export type PublishResult = { ok: true; version: number } | { ok: false; problems: FlowProblem[] };

/** A save based on a stale revision (409); `current` is what the other side saved, nothing was overwritten. */
export class FlowConflictError extends Error {
  constructor(readonly current: FlowRecord) {
    super('The flow was changed elsewhere');
  }
}

/** An answer other than success, in the API's one error shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/**
 * What the designer needs from the flows API (runtime/src/routes/flows): the one seam between the
 * designer and the network, so tests and other back ends can stand in for it.
 */
export interface FlowStoreApi {
  list(): Promise<FlowSummary[]>;
  get(id: string): Promise<FlowRecord>;
  create(input: {
    name: string;
    kind: FlowKind;
    templateId?: string;
    /** The language of a template's words. */
    language?: 'en' | 'zh';
    draft?: FlowDraft;
  }): Promise<FlowRecord>;
  saveDraft(id: string, draft: FlowDraft, baseRevision: number): Promise<{ revision: number }>;
  publish(id: string, revision: number): Promise<PublishResult>;
  versions(id: string): Promise<FlowVersion[]>;
  versionDraft(id: string, version: number): Promise<FlowDraft>;
  rollback(id: string, version: number): Promise<PublishResult>;
  templates(): Promise<FlowTemplate[]>;
  signIn(email: string, password: string): Promise<void>;
  /** Each trigger's live flows in the order they are tried. */
  lineups(): Promise<FlowLineup[]>;
  /** Moves one live flow to a position of its trigger's order; answers the new order. */
  moveInLineup(trigger: FlowLineup['trigger'], flowId: string, position: number): Promise<FlowLineup>;
  setEntry(id: string, entry: EntryFilter): Promise<void>;
  unpublish(id: string): Promise<void>;
}

/** One JSON request to the API on this origin with the session cookie; other answers than 2xx throw ApiError. */
export async function callJson<T>(method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const value = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const error = (value ?? {}) as { code?: string; message?: string; field?: string };
    throw new ApiError(
      response.status,
      error.code ?? 'KEFU_ERR_UNKNOWN',
      error.message ?? response.statusText,
      error.field,
    );
  }
  return value as T;
}

/** The flows REST API on this origin, signed in with the httpOnly session cookie. */
export function createHttpFlowStore(base = ''): FlowStoreApi {
  const call = <T>(method: string, path: string, body?: unknown) =>
    callJson<T>(method, `${base}${path}`, body);
  const record = (flow: FlowDetail): FlowRecord => ({
    ...summary(flow),
    draft: flow.draft as FlowDraft,
    revision: flow.revision,
  });

  const api: FlowStoreApi = {
    async list() {
      const { items } = await call<{ items: WireSummary[] }>('GET', '/flows');
      // The list has no publish dates; a shop has tens of flows, so ask each published one.
      return Promise.all(
        items.map(async (flow) => {
          const out = summary(flow);
          if (!flow.activeVersion) return out;
          const versions = await api.versions(flow.id).catch(() => []);
          return { ...out, lastPublishedAt: versions[0]?.publishedAt };
        }),
      );
    },
    async get(id) {
      return record(await call<FlowDetail>('GET', `/flows/${id}`));
    },
    async create({ name, kind, templateId, language, draft }) {
      const created = record(
        await call<FlowDetail>('POST', '/flows', {
          name,
          kind,
          ...(templateId ? { templateId, ...(language ? { language } : {}) } : {}),
        }),
      );
      if (!draft) return created;
      const { revision } = await api.saveDraft(created.id, { ...draft, name, kind }, created.revision);
      return { ...created, draft, revision };
    },
    async saveDraft(id, draft, baseRevision) {
      try {
        const saved = await call<FlowDetail>('PUT', `/flows/${id}/draft`, { revision: baseRevision, draft });
        return { revision: saved.revision };
      } catch (err) {
        if (err instanceof ApiError && err.status === 409) throw new FlowConflictError(await api.get(id));
        throw err;
      }
    },
    async publish(id, revision) {
      try {
        const published = await call<FlowVersionSummary>('POST', `/flows/${id}/publish`, { revision });
        return { ok: true, version: published.version };
      } catch (err) {
        // 422 names only the first problem; the validate route lists them all.
        if (!(err instanceof ApiError) || err.status !== 422) throw err;
        const { problems } = await call<{ problems: FlowProblem[] }>('POST', `/flows/${id}/validate`);
        return { ok: false, problems };
      }
    },
    async versions(id) {
      const { items } = await call<{ items: FlowVersionSummary[] }>('GET', `/flows/${id}/versions`);
      return items.map((v) => ({
        version: v.version,
        publishedAt: v.publishedAt,
        publishedBy: v.publishedBy,
        hash: v.hash,
        active: v.active,
        ...(v.rolledBackFrom ? { rolledBackFrom: v.rolledBackFrom } : {}),
      }));
    },
    async versionDraft(id, version) {
      const detail = await call<{ draft?: FlowDraft }>('GET', `/flows/${id}/versions/${version}`);
      if (!detail.draft) throw new ApiError(404, 'KEFU_ERR_NOT_FOUND', `Version ${version} has no draft`);
      return detail.draft;
    },
    async rollback(id, version) {
      const published = await call<FlowVersionSummary>('POST', `/flows/${id}/rollback`, { version });
      return { ok: true, version: published.version };
    },
    async templates() {
      return call<FlowTemplate[]>('GET', '/flow-templates');
    },
    async signIn(email, password) {
      await call('POST', '/session', { email, password });
    },
    async lineups() {
      return (await call<{ items: FlowLineup[] }>('GET', '/flow-lineups')).items;
    },
    async moveInLineup(trigger, flowId, position) {
      return call<FlowLineup>('POST', `/flow-lineups/${trigger}/moves`, { flowId, position });
    },
    async setEntry(id, entry) {
      await call('PUT', `/flows/${id}/entry`, entry);
    },
    async unpublish(id) {
      await call('POST', `/flows/${id}/unpublish`);
    },
  };
  return api;
}

function summary(flow: WireSummary): FlowSummary {
  return {
    id: flow.id,
    name: flow.name,
    kind: flow.kind,
    status: flow.activeVersion ? 'published' : 'draft',
    ...(flow.activeVersion ? { activeVersion: flow.activeVersion } : {}),
    updatedAt: flow.updatedAt,
  };
}

export const isSignInNeeded = (err: unknown) => err instanceof ApiError && err.status === 401;
export const isNotFound = (err: unknown) => err instanceof ApiError && err.status === 404;
