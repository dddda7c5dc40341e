import type { SplitReport } from '@kefu/schemas/api';

/** What a conversation holds that a split's outcomes are recounted from. */
interface RecountedConversation {
  _id: unknown;
  test?: boolean | null;
  teamId?: unknown;
  handoff?: { at?: Date | null } | null;
  assignee?: { agentId?: unknown } | null;
  firstResolvedAt?: Date | null;
}

/** A branch's outcomes as the tests compare them: counts, and the CSAT sum rather than its average. */
export interface BranchOutcomes {
  port: string;
  conversations: number;
  botResolved: number;
  handedToPerson: number;
  csatCount: number;
  csatPositive: number;
  csatSum: number;
}

/**
 * A random split's outcomes per branch, recounted from raw records independently of the rollups:
 * a conversation asked for a person when it joined a team, was handed off or was assigned; the bot
 * resolved it when it was resolved without that; its CSAT is its survey answers'.
 */
export function recountSplit<C extends RecountedConversation>(
  ports: string[],
  conversations: C[],
  answers: { conversationId: unknown; rating: number }[],
  portOf: (c: C) => string | undefined,
): BranchOutcomes[] {
  const ratingsOf = new Map<string, number[]>();
  for (const a of answers) {
    const key = String(a.conversationId);
    ratingsOf.set(key, [...(ratingsOf.get(key) ?? []), a.rating]);
  }
  const asked = (c: C) => Boolean(c.teamId || c.handoff?.at || c.assignee?.agentId);
  return ports.map((port) => {
    const mine = conversations.filter((c) => portOf(c) === port && !c.test);
    const ratings = mine.flatMap((c) => ratingsOf.get(String(c._id)) ?? []);
    return {
      port,
      conversations: mine.length,
      botResolved: mine.filter((c) => c.firstResolvedAt && !asked(c)).length,
      handedToPerson: mine.filter(asked).length,
      csatCount: ratings.length,
      csatPositive: ratings.filter((r) => r >= 4).length,
      csatSum: ratings.reduce((x, y) => x + y, 0),
    };
  });
}

/** The same outcomes as GET /analytics/splits answers them, for one split node. */
export const reportedOutcomes = (split: SplitReport['splits'][number]): BranchOutcomes[] =>
  split.branches.map((b) => ({
    port: b.port,
    conversations: b.conversations,
    botResolved: b.outcomes.botResolved,
    handedToPerson: b.outcomes.handedToPerson,
    csatCount: b.outcomes.csatCount,
    csatPositive: b.outcomes.csatPositive,
    csatSum: Math.round((b.outcomes.csatAverage ?? 0) * b.outcomes.csatCount),
  }));
