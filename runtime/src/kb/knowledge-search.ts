import type { Types } from 'mongoose';
import type { Models } from '../models';
import { toKbArticle } from '../models/kb-article';
import { recordKbGap } from '../models/kb-gap';
import { synonymGroups } from '../models/kb-settings';
import { createMatcher, type Candidate, type KbMatcher } from './matcher';

type KbModels = Pick<Models, 'KbArticle' | 'KbSettings' | 'KbGap' | 'KbGapHit'>;

export interface KnowledgeHit {
  articleId: string;
  question: string;
  answer: string;
  confidence: number;
}

export interface KnowledgeSearchResult {
  /** The article to answer with, when confident enough. */
  answer: KnowledgeHit | null;
  /** Best other articles, for "Did you mean …" quick replies (the best first when not answered). */
  suggestions: KnowledgeHit[];
  /** The best article whatever its confidence (null when nothing matched at all). */
  best: KnowledgeHit | null;
  /** The threshold that was applied. */
  threshold: number;
}

export interface SearchInput {
  workspaceId: string | Types.ObjectId;
  query: string;
  /** Overrides the workspace threshold (a flow node's own setting). */
  minConfidence?: number;
  /** Count the question in the learning loop when it is not answered. Defaults to true. */
  recordUnanswered?: boolean;
  /** The calling step's idempotency key: a retried search counts the question once. */
  idempotencyKey?: string;
}

/**
 * Knowledge-base search for a workspace, as the flow worker's activity and the API use it: one
 * matcher per workspace, kept in memory until the workspace's `stamp` changes (one small read
 * per search; the index is rebuilt only after an edit). Unanswered questions go to the
 * learning loop.
 */
export function createKnowledgeSearch(models: KbModels, options: { maxWorkspaces?: number } = {}) {
  const maxWorkspaces = options.maxWorkspaces ?? 200;
  const cache = new Map<string, { stamp: string; matcher: KbMatcher }>();

  async function matcherFor(workspaceId: string): Promise<{ matcher: KbMatcher; threshold: number }> {
    // Settings first, articles second: an edit in between changes the stamp after this read,
    // so the next search rebuilds rather than keeping a stale index.
    const settings = await models.KbSettings.findOne({ workspaceId }).lean();
    const stamp = settings?.stamp ?? '';
    const cached = cache.get(workspaceId);
    const threshold = settings?.threshold ?? createMatcher([]).threshold;
    if (cached && cached.stamp === stamp) return { matcher: cached.matcher, threshold };
    const docs = await models.KbArticle.find({ workspaceId, enabled: true }).lean();
    const matcher = createMatcher(docs.map(toKbArticle), { synonyms: synonymGroups(settings), threshold });
    cache.delete(workspaceId);
    cache.set(workspaceId, { stamp, matcher });
    // Least recently built first: drop it when too many workspaces are cached.
    if (cache.size > maxWorkspaces) cache.delete(cache.keys().next().value!);
    return { matcher, threshold };
  }

  return {
    async search(input: SearchInput): Promise<KnowledgeSearchResult> {
      const workspaceId = String(input.workspaceId);
      const { matcher, threshold: own } = await matcherFor(workspaceId);
      const threshold = input.minConfidence ?? own;
      const r = matcher.match(input.query, { threshold });
      if (!r.answer && input.recordUnanswered !== false && input.query.trim()) {
        await recordKbGap(models, {
          workspaceId,
          kind: 'unanswered',
          text: input.query,
          ...(input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {}),
        });
      }
      return {
        answer: r.answer ? hit(r.answer) : null,
        best: r.best ? hit(r.best) : null,
        suggestions: r.suggestions.map(hit),
        threshold,
      };
    },

    /** A customer said the answer did not help: counted against that article in the learning loop. */
    async markUnhelpful(input: {
      workspaceId: string | Types.ObjectId;
      articleId: string;
      query: string;
    }): Promise<void> {
      await recordKbGap(models, {
        workspaceId: input.workspaceId,
        kind: 'unhelpful',
        text: input.query,
        articleId: input.articleId,
      });
    },
  };
}

export type KnowledgeSearch = ReturnType<typeof createKnowledgeSearch>;

function hit(c: Candidate): KnowledgeHit {
  return {
    articleId: c.article.id,
    question: c.article.question,
    answer: c.article.answer,
    confidence: c.confidence,
  };
}
