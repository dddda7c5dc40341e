import type { KnowledgeAnswer } from '@kefu/nodes';
import { createKnowledgeSearch } from '@kefu/runtime/kb-search';
import type { Models } from '@kefu/runtime/models';
import type { FlowActivityImpls } from './activity-contract';

/**
 * Knowledge-base matching for the answer-from-knowledge-base node. One search (and so one
 * in-memory matcher per workspace) for the worker's lifetime; it rebuilds a workspace's index
 * only after the knowledge base changed. Read-only apart from counting unanswered questions for
 * the owner, once per step (the idempotency key), however often Temporal retries.
 */
export function kbActivities(models: Models): Pick<FlowActivityImpls, 'searchKnowledgeBase'> {
  const search = createKnowledgeSearch(models);
  return {
    async searchKnowledgeBase(input): Promise<KnowledgeAnswer | null> {
      const r = await search.search({
        workspaceId: input.workspaceId,
        query: input.query,
        ...(input.minConfidence !== undefined ? { minConfidence: input.minConfidence } : {}),
        idempotencyKey: input.idempotencyKey,
      });
      // The best match even when below the threshold: the node compares, and its decision in
      // the run history shows how close it came.
      const hit = r.answer ?? r.best;
      if (!hit) return null;
      // When answered: the next best; when not: the best first, for "Did you mean …" buttons.
      const suggestions = r.suggestions.map((s) => ({
        articleId: s.articleId,
        question: s.question,
        confidence: s.confidence,
      }));
      return {
        articleId: hit.articleId,
        question: hit.question,
        answer: hit.answer,
        confidence: hit.confidence,
        confident: r.answer !== null && r.answer !== undefined,
        suggestions,
        threshold: r.threshold,
      };
    },
  };
}
