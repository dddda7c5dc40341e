import MiniSearch, { type SearchResult } from 'minisearch';
import { languageOf, type KbArticle } from './article';
import { coverage, type TermStats } from './confidence';
import { createSynonymExpander, type SynonymGroups } from './synonyms';
import { analyze, guessLanguage, type Token } from './tokenize';

export interface MatcherOptions {
  /** Workspace synonym groups, e.g. [["退货", "退款", "return"]]. */
  synonyms?: SynonymGroups;
  /** Confidence at or above which the bot answers. */
  threshold?: number;
  /** How many "Did you mean …" suggestions to offer. */
  suggestions?: number;
}

export interface Candidate {
  article: KbArticle;
  /** In [0, 1], comparable across messages and knowledge bases. */
  confidence: number;
  /** Raw BM25 score, only comparable within one message. */
  score: number;
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

/** Chosen from the eval curve (`npm run eval:kb`): the highest accuracy with wrong answers <= 5%. */
export const DEFAULT_THRESHOLD = 0.5;

// Questions and phrasings say what an article is for; the answer only backs them up.
const fieldBoosts = { question: 3, phrasings: 3, tags: 1.5, answer: 0.5 };
const sep = '\u0001';

interface Doc {
  id: number;
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
  const suggestionCount = options.suggestions ?? 3;
  const expander = createSynonymExpander(options.synonyms);
  const analyse = (text: string) => expander.expand(analyze(text).tokens);
  const articles = all.filter((a) => a.enabled !== false);
  const languages = new Set(articles.map((a) => languageOf(a.locale)));

  const df = new Map<string, number>();
  const docs: Doc[] = articles.map((a, id) => {
    const fields = {
      question: analyse(a.question),
      phrasings: a.phrasings.flatMap((p) => analyse(p)),
      tags: a.tags.flatMap((t) => analyse(t)),
      answer: analyse(a.answer),
    };
    const seen = new Set(Object.values(fields).flatMap((f) => f.map((t) => t.term)));
    for (const t of seen) df.set(t, (df.get(t) ?? 0) + 1);
    return {
      id,
      question: terms(fields.question),
      phrasings: terms(fields.phrasings),
      tags: terms(fields.tags),
      answer: terms(fields.answer),
    };
  });
  const stats: TermStats = { documents: articles.length, df: (term) => df.get(term) ?? 0 };

  const index = new MiniSearch<Doc>({
    fields: ['question', 'phrasings', 'tags', 'answer'],
    tokenize: (text) => (text ? text.split(sep) : []),
    processTerm: (term) => term,
  });
  index.addAll(docs);

  function match(message: string, opts: { threshold?: number } = {}): MatchResult {
    const cut = opts.threshold ?? threshold;
    const analysis = analyze(message);
    const tokens = expander.expand(analysis.tokens);
    const none: MatchResult = { answer: null, best: null, suggestions: [] };
    if (tokens.length === 0 || articles.length === 0) return none;
    // Answer in the customer's language when the workspace has articles in it.
    const lang = guessLanguage(analysis);
    const filter = languages.has(lang)
      ? (r: SearchResult) => languageOf(articles[r.id as number]!.locale) === lang
      : undefined;
    const results = index.search(terms(tokens), {
      boost: fieldBoosts,
      fuzzy: (term) => fuzziness(term),
      prefix: (term) => isLatin(term) && term.length >= 5,
      weights: { fuzzy: 0.4, prefix: 0.3 },
      // A shared sound is weaker evidence than the same characters.
      boostTerm: (term) => (term.startsWith('#') ? soundWeight : 1),
      filter,
    });
    const top = results[0];
    if (!top) return none;
    const runnerUp = results[1]?.score ?? 0;
    const candidates = results.slice(0, suggestionCount + 1).map((r, i) => {
      const cover = coverage(tokens, new Set(r.queryTerms), stats);
      // A close runner-up means the message sits between two articles: be less sure.
      const ratio = i === 0 ? runnerUp / r.score : 1;
      return {
        article: articles[r.id as number]!,
        score: r.score,
        confidence: round(cover * (1 - marginWeight * ratio * ratio)),
      };
    });
    const best = candidates[0]!;
    const answer = best.confidence >= cut ? best : null;
    const suggestions = candidates.slice(answer ? 1 : 0, answer ? suggestionCount + 1 : suggestionCount);
    return { answer, best, suggestions };
  }

  return { threshold, match };
}

const marginWeight = 0.5;
const soundWeight = 0.5;

function isLatin(term: string): boolean {
  return /^[a-z]/.test(term);
}

/** Typo tolerance for English only: one edit from 4 letters, two from 8; Han bigrams are exact. */
function fuzziness(term: string): number | false {
  if (!isLatin(term) || term.length < 4) return false;
  return term.length >= 8 ? 2 : 1;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
