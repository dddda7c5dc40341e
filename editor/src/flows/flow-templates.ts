import type { FlowTemplate } from './flow-store-api';

/** The starter templates the catalog ships (issue 4), loaded on demand so the designer's first paint stays small. */
export async function loadStarterTemplates(): Promise<FlowTemplate[]> {
  const { starterTemplates } = await import('@kefu/nodes/templates');
  return starterTemplates.map((t) => ({ ...t, draft: structuredClone(t.draft) }));
}
