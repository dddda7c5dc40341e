import MiniSearch, { type SearchOptions, type SearchResult } from 'minisearch';
import { languageOf, type KbArticle } from './article';
import { confidence, coverage, fit, type Evidence, type TermStats } from './confidence';
import { createSynonymExpander, type SynonymGroups } from './synonyms';
import { analyze, guessLanguage, type Token } from './tokenize';
import { correct } from './vocabulary';

export interface MatcherOptions {
  /** Workspace synonym groups, e.g. [["退货", "退款", "return"]]. */
  synonyms?: SynonymGroups;
  /** Confidence at or above which the bot answers. */
  threshold?: number;
  /** How many "Did you mean …" suggestions to offer. */
  suggestions?: number;
  /** Ranking knobs; the defaults were chosen on the dev part of the labeled set. */
  tuning?: Partial<Tuning>;
}

export interface Tuning {
  boost: { question: number; phrasings: number; tags: number; answer: number };
  /** Weight of a shared pinyin sound relative to the same characters. */
  sound: number;
  fuzzy: number;
  prefix: number;
  bm25: { k: number; b: number; d: number };
  /** Weight of the best single question/phrasing match added to the article's score. */
  variant: number;
  /** Exponent of the BM25 score (relative to the best) in the re-ranking key; 0 ranks by fit alone. */
  rerank: number;
}

// Questions and phrasings say what an article is for; the answer only backs them up.
const defaultTuning: Tuning = {
  boost: { question: 3, phrasings: 5, tags: 1.5, answer: 2 },
  sound: 0.5,
  fuzzy: 0.4,
  prefix: 0.3,
  bm25: { k: 1.2, b: 0.7, d: 0.5 },
  variant: 2,
  rerank: 1,
};
const rerankDepth = 5;

export interface Candidate {
  article: KbArticle;
  /** In [0, 1], comparable across messages and knowledge bases. */
  confidence: number;
  /** Raw BM25 score, only comparable within one message. */
  score: number;
  evidence: Evidence;
}

export interface MatchResult {
  /** The article to answer with, when confidence reached the threshold. */
  answer: Candidate | null;
  /** The best candidate whatever its confidence (null when nothing matched at all). */
  best: Candidate | null;
  /** The next best candidates (best first, the answer excluded), for quick-reply buttons. */
  suggestions: Candidate[];
}

export interface KbMatcher {
  readonly threshold: number;
  match(message: string, options?: { threshold?: number }): MatchResult;
}

/**
 * Chosen from the eval curve (`npm run eval:kb`): both targets (top-1 >= 90%, wrong answers
 * <= 5%) hold from 0.30 to 0.33 on the labeled set; 0.32 keeps a margin on both sides.
 */
export const DEFAULT_THRESHOLD = 0.32;

const sep = '\u0001';

interface Doc {
  id: number;
  article: number;
  question: string;
  phrasings: string;
  tags: string;
  answer: string;
}

function terms(tokens: Token[]): string {
  return tokens.map((t) => t.term).join(sep);
}

/** Builds an in-memory index over a workspace's enabled articles. Pure: no I/O. */
export function createMatcher(all: KbArticle[], options: MatcherOptions = {}): KbMatcher {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const tuning = { ...defaultTuning, ...options.tuning };
  const suggestionCount = options.suggestions ?? 3;
  const expander = createSynonymExpander(options.synonyms);
  const analyse = (text: string) => expander.expand(analyze(text).tokens);
  const articles = all.filter((a) => a.enabled !== false);
  const articleLanguages = articles.map((a) => languageOf(a.locale));
  const languages = new Set(articleLanguages);

  const df = new Map<string, number>();
  const variants: Array<{ id: number; article: number; text: string }> = [];
  const variantTokens: Token[][] = [];
  const docs: Doc[] = articles.map((a, article) => {
    const fields = {
      question: analyse(a.question),
      phrasings: a.phrasings.map((p) => analyse(p)),
      tags: a.tags.flatMap((t) => analyse(t)),
      answer: analyse(a.answer),
    };
    const seen = new Set(
      [fields.question, ...fields.phrasings, fields.tags, fields.answer].flatMap((f) => f.map((t) => t.term)),
    );
    for (const t of seen) df.set(t, (df.get(t) ?? 0) + 1);
    for (const v of [fields.question, ...fields.phrasings]) {
      variants.push({ id: variants.length, article, text: terms(v) });
      variantTokens.push(v);
    }
    const common = { article, tags: terms(fields.tags), answer: terms(fields.answer) };
    return {
      ...common,
      id: article,
      question: terms(fields.question),
      phrasings: terms(fields.phrasings.flat()),
    };
  });
  const stats: TermStats = { documents: articles.length, df: (term) => df.get(term) ?? 0 };

  const index = new MiniSearch<Doc>({
    fields: ['question', 'phrasings', 'tags', 'answer'],
    storeFields: ['article'],
    tokenize: (text) => (text ? text.split(sep) : []),
    processTerm: (term) => term,
  });
  index.addAll(docs);
  const variantIndex = new MiniSearch<(typeof variants)[number]>({
    fields: ['text'],
    storeFields: ['article'],
    tokenize: (text) => (text ? text.split(sep) : []),
    processTerm: (term) => term,
  });
  variantIndex.addAll(variants);

  function match(message: string, opts: { threshold?: number } = {}): MatchResult {
    const cut = opts.threshold ?? threshold;
    const analysis = analyze(message);
    const tokens = expander.expand(analysis.tokens.map((t) => correct(t, df)));
    const none: MatchResult = { answer: null, best: null, suggestions: [] };
    if (tokens.length === 0 || articles.length === 0) return none;
    // Answer in the customer's language when the workspace has articles in it.
    const lang = guessLanguage(analysis);
    const filter = languages.has(lang)
      ? (r: SearchResult) => articleLanguages[r.article as number] === lang
      : undefined;
    // Each distinct term is searched once, boosted by how often it occurs (a 2-character word
    // is also its own bigram: that double weight is intended).
    const counts = new Map<string, number>();
    for (const t of tokens) counts.set(t.term, (counts.get(t.term) ?? 0) + 1);
    const query = [...counts.keys()].join(sep);
    const searchOptions: SearchOptions = {
      bm25: tuning.bm25,
      // Typo tolerance only for words the knowledge base does not know: a known word matches
      // exactly, and the edit-distance walk of the term tree is the costliest part of a search.
      fuzzy: (term) => !df.has(term) && fuzziness(term),
      prefix: (term) => !df.has(term) && isLatin(term) && term.length >= 5,
      weights: { fuzzy: tuning.fuzzy, prefix: tuning.prefix },
      // A shared sound is weaker evidence than the same characters.
      boostTerm: (term) => (counts.get(term) ?? 1) * (term.startsWith('#') ? tuning.sound : 1),
      filter,
    };
    const results = index.search(query, { ...searchOptions, boost: tuning.boost });
    // The phrasing (or question) closest to the message, per article.
    const bestVariant = new Map<number, SearchResult>();
    for (const r of variantIndex.search(query, searchOptions))
      if (!bestVariant.has(r.article)) bestVariant.set(r.article, r);
    const ranked = topK(
      results.map((r) => ({
        article: r.article as number,
        queryTerms: r.queryTerms,
        score: r.score + tuning.variant * (bestVariant.get(r.article)?.score ?? 0),
      })),
      Math.max(rerankDepth, suggestionCount + 1),
    );
    if (ranked.length === 0) return none;
    const topScore = ranked[0]!.score;
    // Re-rank the first few by how well each explains the message (idf-weighted coverage both
    // ways), tempered by BM25: BM25 alone favours articles that repeat one matched term.
    const scored = ranked.map((r) => {
      const v = bestVariant.get(r.article);
      const phrasing = v
        ? coverage(variantTokens[v.id as number]!, new Set(v.terms), stats)
        : { matched: 0, total: 0 };
      const message = coverage(tokens, new Set(r.queryTerms), stats);
      const evidence: Evidence = {
        ...message,
        phrasingMatched: phrasing.matched,
        phrasingTotal: phrasing.total,
      };
      const key = fit(evidence) * Math.pow(r.score / topScore, tuning.rerank);
      return { article: articles[r.article]!, score: r.score, evidence, key };
    });
    scored.sort((a, b) => b.key - a.key);
    const candidates = scored.slice(0, suggestionCount + 1).map((c, i) => {
      // Only the best has a runner-up; the others are below one by definition.
      const runner = scored[1];
      const runnerUp = i > 0 ? 1 : runner && c.key > 0 ? runner.key / c.key : 0;
      const evidence = { ...c.evidence, runnerUp };
      return { article: c.article, score: c.score, confidence: confidence(evidence), evidence };
    });
    const best = candidates[0]!;
    const answer = best.confidence >= cut ? best : null;
    const suggestions = candidates.slice(answer ? 1 : 0, answer ? suggestionCount + 1 : suggestionCount);
    return { answer, best, suggestions };
  }

  return { threshold, match };
}

/** The k highest scores, best first, without sorting every hit of a large knowledge base. */
function topK<T extends { score: number }>(items: T[], k: number): T[] {
  const top: T[] = [];
  for (const item of items) {
    if (top.length === k && item.score <= top[k - 1]!.score) continue;
    let i = Math.min(top.length, k - 1);
    while (i > 0 && top[i - 1]!.score < item.score) i--;
    top.splice(i, 0, item);
    if (top.length > k) top.pop();
  }
  return top;
}

function isLatin(term: string): boolean {
  return /^[a-z]/.test(term);
}

/**
 * Typo tolerance for English only: one edit from 5 letters, two from 8 (swapped letters are
 * fixed before, in `correct`). Han terms are exact: their typos are homophones, which the
 * pinyin terms catch.
 */
function fuzziness(term: string): number | false {
  if (!isLatin(term) || term.length < 5) return false;
  return term.length >= 8 ? 2 : 1;
}
