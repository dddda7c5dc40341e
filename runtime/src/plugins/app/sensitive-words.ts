import fp from 'fastify-plugin';
import type { SensitiveScreening, SensitiveWords } from '@kefu/schemas/api';
import { compileSensitiveWords, type SensitiveScreener } from '../../moderation/sensitive-matcher';

/**
 * Each workspace's sensitive words, compiled once per process and kept for FRESH_MS: a message is
 * screened without a database read, and a list changed on another API process applies within that
 * time (the process that changed it forgets its copy at once).
 */
export const FRESH_MS = 5_000;

export interface SensitiveWordsService {
  /** The workspace's list as stored (empty when it has none). */
  list(workspaceId: string): Promise<SensitiveWords>;
  screen(workspaceId: string, text: string): Promise<SensitiveScreening>;
  forget(workspaceId: string): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    sensitiveWords: SensitiveWordsService;
  }
}

export default fp(
  async (app) => {
    const { SensitiveWordList } = app.models;
    const compiled = new Map<string, { at: number; screener: Promise<SensitiveScreener> }>();

    async function list(workspaceId: string): Promise<SensitiveWords> {
      const doc = await SensitiveWordList.findOne({ workspaceId }, { categories: 1, words: 1 }).lean();
      return {
        categories: (doc?.categories ?? []).map((c) => ({ key: c.key, name: c.name, action: c.action })),
        words: (doc?.words ?? []).map((w) => ({ text: w.text, category: w.category })),
      };
    }

    function screener(workspaceId: string): Promise<SensitiveScreener> {
      const held = compiled.get(workspaceId);
      if (held && Date.now() - held.at < FRESH_MS) return held.screener;
      const next = list(workspaceId).then((l) => compileSensitiveWords(l));
      compiled.set(workspaceId, { at: Date.now(), screener: next });
      // A failed read is not kept: the next message tries again.
      next.catch(() => compiled.delete(workspaceId));
      return next;
    }

    app.decorate('sensitiveWords', {
      list,
      screen: async (workspaceId, text) => (await screener(workspaceId)).screen(text),
      forget: (workspaceId) => void compiled.delete(workspaceId),
    } satisfies SensitiveWordsService);
  },
  { name: 'sensitive-words', dependencies: ['db'] },
);
