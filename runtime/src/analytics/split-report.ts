import {
  SPLIT_MIN_ANSWERS,
  SPLIT_MIN_CONVERSATIONS,
  type SplitBranch,
  type SplitQuery,
  type SplitReport,
} from '@kefu/schemas/api';
import { kpiNotedModels, type Models } from '../models';
import type { KpiBucketDoc } from '../models/kpi-bucket';
import { noteDueKpis } from '../models/kpi-noted';
import { sweepKpiEvents } from '../models/kpi-record';
import { daysBetween } from './kpi-days';
import { compareMeans, compareProportions, holm, type Difference } from './split-stats';

type Sums = Record<string, number>;
type SplitNode = {
  id: string;
  label: string | null;
  branches: { port: string; label?: string; weight?: number }[];
};
const METRICS = ['botResolvedRate', 'handedToPersonRate', 'csatAverage', 'csatPositiveShare'] as const;

/** The random-split nodes of a published version, in the draft's order, with their branches. */
function splitNodes(version: { compiled?: unknown; draft?: unknown }): SplitNode[] {
  const compiled = (version.compiled ?? {}) as { nodes?: Record<string, { type: string; config: unknown }> };
  const draft = (version.draft ?? {}) as { nodes?: { id: string; label?: string }[] };
  const order = (draft.nodes ?? []).map((n) => n.id);
  const labels = new Map((draft.nodes ?? []).map((n) => [n.id, n.label ?? null]));
  return Object.entries(compiled.nodes ?? {})
    .filter(([, n]) => n.type === 'random-split')
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([id, n]) => ({
      id,
      label: labels.get(id) ?? null,
      branches: (n.config as { branches: SplitNode['branches'] }).branches,
    }));
}

const ratio = (a: number, b: number) => (b ? a / b : null);

/**
 * GET /analytics/splits: for each random split of a flow version, each branch's outcomes over the
 * conversations that came in on the range's days, and each branch against the first (docs/analytics.md,
 * "Random split comparison"). Reads the version and the day buckets (one equality lookup per month),
 * never a conversation. Returns null when the version does not exist.
 */
export async function splitReport(
  models: Models,
  workspaceId: string,
  query: SplitQuery,
): Promise<SplitReport | null> {
  const { flowId, version, from, to } = query;
  const stored = await models.FlowVersion.findOne(
    { workspaceId, flowId, version },
    { compiled: 1, draft: 1 },
  ).lean();
  if (!stored) return null;
  await noteDueKpis(kpiNotedModels(models), workspaceId);
  await sweepKpiEvents(models.KpiBucket.db, { workspaceId });

  const days = new Set(daysBetween(from, to));
  const months = [...new Set([...days].map((d) => d.slice(0, 7)))];
  const monthly = await Promise.all(
    months.map((m) =>
      models.KpiBucket.find({ workspaceId, month: `${workspaceId}:${m}` }).lean<KpiBucketDoc[]>(),
    ),
  );
  const prefix = `split:${flowId}:${version}:`;
  const sums = new Map<string, Sums>();
  for (const bucket of monthly.flat()) {
    if (!days.has(bucket.day)) continue;
    for (const [dim, fields] of Object.entries((bucket.dims ?? {}) as Record<string, Sums>)) {
      if (!dim.startsWith(prefix)) continue;
      const into = sums.get(dim) ?? {};
      for (const [f, n] of Object.entries(fields)) if (typeof n === 'number') into[f] = (into[f] ?? 0) + n;
      sums.set(dim, into);
    }
  }

  return {
    flowId,
    version,
    from,
    to,
    splits: splitNodes(stored).map((node) => ({
      nodeId: node.id,
      label: node.label,
      branches: compareBranches(
        node.branches.map((b) => ({ ...b, sums: sums.get(`${prefix}${node.id}:${b.port}`) ?? {} })),
      ),
    })),
  };
}

/** Each branch's outcomes, and each against the first with Holm's adjustment per metric. */
export function compareBranches(
  branches: { port: string; label?: string; weight?: number; sums: Sums }[],
): SplitBranch[] {
  const n = (s: Sums, f: string) => s[f] ?? 0;
  const control = branches[0]?.sums ?? {};
  const raw = branches.map((b, i) => {
    if (i === 0) return null;
    const s = b.sums;
    const mean = (x: Sums) => ({ count: n(x, 'csatCount'), sum: n(x, 'csatSum'), sumSq: n(x, 'csatSq') });
    return {
      botResolvedRate: compareProportions(
        n(control, 'botDeflected'),
        n(control, 'conversationsIn'),
        n(s, 'botDeflected'),
        n(s, 'conversationsIn'),
      ),
      handedToPersonRate: compareProportions(
        n(control, 'asked'),
        n(control, 'conversationsIn'),
        n(s, 'asked'),
        n(s, 'conversationsIn'),
      ),
      csatAverage: compareMeans(mean(control), mean(s)),
      csatPositiveShare: compareProportions(
        n(control, 'csatPositive'),
        n(control, 'csatCount'),
        n(s, 'csatPositive'),
        n(s, 'csatCount'),
      ),
    } satisfies Record<(typeof METRICS)[number], Difference | null>;
  });
  // Holm per metric across the branches compared with the control (one family per outcome).
  const adjusted = Object.fromEntries(METRICS.map((m) => [m, holm(raw.map((r) => r?.[m]?.p ?? null))]));
  return branches.map((b, i) => {
    const s = b.sums;
    const conversations = n(s, 'conversationsIn');
    const enough =
      conversations >= SPLIT_MIN_CONVERSATIONS && n(control, 'conversationsIn') >= SPLIT_MIN_CONVERSATIONS;
    const enoughAnswers =
      n(s, 'csatCount') >= SPLIT_MIN_ANSWERS && n(control, 'csatCount') >= SPLIT_MIN_ANSWERS;
    const r = raw[i];
    const verdict = (m: (typeof METRICS)[number], ok: boolean) => {
      const d = r?.[m];
      if (!d) return null;
      const pAdjusted = adjusted[m]![i]!;
      return { ...d, pAdjusted, significant: ok && pAdjusted < 0.05 };
    };
    return {
      port: b.port,
      label: b.label ?? b.port,
      weight: b.weight ?? 50,
      conversations,
      outcomes: {
        botResolved: n(s, 'botDeflected'),
        botResolvedRate: ratio(n(s, 'botDeflected'), conversations),
        handedToPerson: n(s, 'asked'),
        handedToPersonRate: ratio(n(s, 'asked'), conversations),
        gotPerson: n(s, 'answered'),
        resolved: n(s, 'resolved'),
        csatCount: n(s, 'csatCount'),
        csatAverage: ratio(n(s, 'csatSum'), n(s, 'csatCount')),
        csatPositive: n(s, 'csatPositive'),
        csatPositiveShare: ratio(n(s, 'csatPositive'), n(s, 'csatCount')),
      },
      enough,
      vsControl: r
        ? {
            botResolvedRate: verdict('botResolvedRate', enough),
            handedToPersonRate: verdict('handedToPersonRate', enough),
            csatAverage: verdict('csatAverage', enoughAnswers),
            csatPositiveShare: verdict('csatPositiveShare', enoughAnswers),
            enoughAnswers,
          }
        : null,
    };
  });
}
