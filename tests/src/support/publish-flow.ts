import type { FlowDraft } from '@kefu/schemas';
import { callApi, type Shop } from './shop';

/**
 * Publishes a flow the way an owner does in the designer: create (from a starter template or
 * empty), save the draft, publish. Returns the flow id and the published version.
 */
export async function publishFlow(
  baseUrl: string,
  shop: Shop,
  draft: FlowDraft,
  templateId?: string,
): Promise<{ flowId: string; version: number }> {
  const created = await callApi<{ id: string; revision: number }>(baseUrl, shop, 'POST', '/flows', {
    name: draft.name,
    kind: draft.kind,
    ...(templateId ? { templateId } : {}),
  });
  if (created.status !== 201)
    throw new Error(`create flow: ${created.status} ${JSON.stringify(created.body)}`);
  const flowId = created.body.id;
  const saved = await callApi(baseUrl, shop, 'PUT', `/flows/${flowId}/draft`, {
    revision: created.body.revision,
    draft,
  });
  if (saved.status !== 200) throw new Error(`save draft: ${saved.status} ${JSON.stringify(saved.body)}`);
  const published = await callApi<{ version: number }>(baseUrl, shop, 'POST', `/flows/${flowId}/publish`, {});
  if (published.status !== 201)
    throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
  return { flowId, version: published.body.version };
}

type Node = FlowDraft['nodes'][number];

/** A straight-line draft: nodes in order, each `next`-like port wired to the following node. */
export function lineDraft(
  name: string,
  steps: Array<{ id: string; type: string; config: Record<string, unknown>; port?: string }>,
): FlowDraft {
  const nodes: Node[] = steps.map((s, i) => ({
    id: s.id,
    type: s.type,
    config: s.config,
    position: { x: 0, y: i * 120 },
  }));
  const edges = steps.slice(1).map((s, i) => ({
    source: steps[i]!.id,
    sourcePort: steps[i]!.port ?? 'next',
    target: s.id,
  }));
  return { schemaVersion: 1, name, kind: 'auto-reply', nodes, edges };
}
