import type { FactContext } from './kpi-facts';
import type { KpiEvent } from './kpi-record';

/**
 * A random split's outcomes per branch (docs/analytics.md, "Random split comparison"). The worker
 * writes the branch a conversation's run took on the conversation (`splits`, run-history.ts), but
 * only when it flushes the run's steps — which may be after the flow has already closed the
 * conversation, and after the conversation's own `in`, `asked` and `resolved` events were counted.
 * So a split's figures are events of their own, computed whole from what the conversation holds
 * whenever `splits` (or any KPI field) is written: the branch's `conversationsIn` (in the cohort of
 * the day the conversation came in), `asked`, `answered`, `resolved`/`botDeflected`, each once per
 * conversation and split node. CSAT answers are counted from either side, whichever comes second:
 * an answer stored after the branch (surveyFacts) or the branch stored after an answer (read here);
 * both name the same ledger entry, so it counts once.
 */
type Doc = Record<string, unknown> & { _id: unknown; workspaceId: unknown };

/** `<flowId>:<version>:<nodeId>` → port: the first branch taken at each split node. */
export function splitBranches(c: { splits?: unknown }): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of (c.splits as string[] | undefined) ?? []) {
    const at = entry.lastIndexOf(':');
    const node = entry.slice(0, at);
    if (at > 0 && !out.has(node)) out.set(node, entry.slice(at + 1));
  }
  return out;
}

const under = (dim: string, fields: Record<string, number>) =>
  Object.fromEntries(Object.entries(fields).map(([f, n]) => [`dims.${dim}.${f}`, n]));

export async function splitFacts(
  c: Doc,
  day: string,
  asked: boolean,
  noted: Set<string>,
  ctx: FactContext,
): Promise<KpiEvent[]> {
  const branches = splitBranches(c as { splits?: unknown });
  if (branches.size === 0) return [];
  const workspaceId = String(c.workspaceId);
  const entityId = String(c._id);
  const deflected = !asked && !noted.has('conversation.asked');
  const agent = (c.assignee as { agentId?: unknown } | undefined)?.agentId;
  const events: KpiEvent[] = [];
  for (const [node, port] of branches) {
    const dim = `split:${node}:${port}`;
    const ev = (kind: string, fields: Record<string, number>) =>
      events.push({
        workspaceId,
        kind: `conversation.split-${kind}:${node}`,
        entityId,
        day,
        inc: under(dim, fields),
      });
    ev('in', { conversationsIn: 1 });
    if (asked) ev('asked', { asked: 1 });
    if (asked && agent) ev('answered', { answered: 1 });
    if (c.firstResolvedAt) ev('resolved', { resolved: 1, ...(deflected ? { botDeflected: 1 } : {}) });
  }
  const answers = await ctx.conn
    .model('SurveyResponse')
    .find({ workspaceId: c.workspaceId, conversationId: c._id }, { rating: 1 })
    .limit(100)
    .lean<{ _id: unknown; rating: number }[]>();
  for (const answer of answers) events.push(...csatEvents(branches, workspaceId, day, answer));
  return events;
}

/** A CSAT answer under the branches its conversation took (when the branch is already known). */
export async function splitCsatFacts(
  conversation: { splits?: unknown; createdAt?: Date },
  answer: Doc,
  ctx: FactContext,
) {
  const branches = splitBranches(conversation);
  if (branches.size === 0 || !conversation.createdAt) return [];
  const workspaceId = String(answer.workspaceId);
  const day = await ctx.dayOf(workspaceId, conversation.createdAt);
  return csatEvents(branches, workspaceId, day, { _id: answer._id, rating: answer.rating });
}

function csatEvents(
  branches: Map<string, string>,
  workspaceId: string,
  day: string,
  answer: { _id: unknown; rating: unknown },
): KpiEvent[] {
  const rating = Number(answer.rating);
  const entityId = String(answer._id);
  return [...branches].map(([node, port]) => ({
    workspaceId,
    // The answer's id in the kind too: a conversation notes one kind per answer it counted.
    kind: `survey.split-csat:${node}:${entityId}`,
    entityId,
    day,
    inc: under(`split:${node}:${port}`, {
      csatCount: 1,
      csatSum: rating,
      csatSq: rating * rating,
      csatPositive: rating >= 4 ? 1 : 0,
    }),
  }));
}
