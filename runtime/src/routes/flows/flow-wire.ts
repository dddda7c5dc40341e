import type { FlowDraft } from '@kefu/schemas';
import type { FlowDetail, FlowSummary, FlowVersionDetail, FlowVersionSummary } from '@kefu/schemas/api';
import { findNode } from '@kefu/nodes';

export interface StoredFlow {
  _id: unknown;
  name: string;
  kind: string;
  description?: string | null;
  trigger: string;
  revision?: number | null;
  activeVersion?: number | null;
  entry?: unknown;
  draft: unknown;
  createdAt: Date;
  updatedAt: Date;
}

export interface StoredVersion {
  flowId: unknown;
  version: number;
  hash: string;
  trigger?: string | null;
  publishedBy: string;
  publishedAt: Date;
  rolledBackFrom?: number | null;
  compiled: unknown;
  draft?: unknown;
}

/** What starts a draft: its first trigger node's type (a draft may still have none). */
export function draftTrigger(draft: FlowDraft): string {
  return draft.nodes.find((n) => findNode(n.type)?.category === 'trigger')?.type ?? 'none';
}

export function toFlowSummary(flow: StoredFlow): FlowSummary {
  return {
    id: String(flow._id),
    name: flow.name,
    kind: flow.kind as FlowSummary['kind'],
    ...(flow.description ? { description: flow.description } : {}),
    trigger: flow.trigger,
    revision: flow.revision ?? 0,
    ...(flow.activeVersion ? { activeVersion: flow.activeVersion } : {}),
    ...(flow.entry ? { entry: flow.entry as FlowSummary['entry'] } : {}),
    createdAt: new Date(flow.createdAt).toISOString(),
    updatedAt: new Date(flow.updatedAt).toISOString(),
  };
}

export function toFlowDetail(flow: StoredFlow): FlowDetail {
  return { ...toFlowSummary(flow), draft: flow.draft as FlowDraft };
}

export function toVersionSummary(
  v: StoredVersion,
  activeVersion: number | null | undefined,
): FlowVersionSummary {
  return {
    flowId: String(v.flowId),
    version: v.version,
    hash: v.hash,
    trigger: v.trigger ?? (v.compiled as { trigger?: string }).trigger ?? 'conversation-started',
    publishedBy: v.publishedBy,
    publishedAt: new Date(v.publishedAt).toISOString(),
    active: v.version === activeVersion,
    ...(v.rolledBackFrom ? { rolledBackFrom: v.rolledBackFrom } : {}),
  };
}

export function toVersionDetail(
  v: StoredVersion,
  activeVersion: number | null | undefined,
): FlowVersionDetail {
  return {
    ...toVersionSummary(v, activeVersion),
    draft: v.draft as FlowVersionDetail['draft'],
    compiled: v.compiled as FlowVersionDetail['compiled'],
  };
}
