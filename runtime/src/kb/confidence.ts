import type { Token } from './tokenize';

/** What a confidence is computed from; kept on each candidate so a decision can be explained. */
export interface Evidence {
  /** idf mass of the message's words the article matched. */
  matched: number;
  /** idf mass of all the message's words. */
  total: number;
  /** The same for the article's closest question or phrasing: how much of it the message says. */
  phrasingMatched?: number;
  phrasingTotal?: number;
  /** Runner-up score / this candidate's score (1 for candidates below the best). */
  runnerUp?: number;
}

export interface TermStats {
  documents: number;
  df(term: string): number;
}

/**
 * How much of the message an article accounts for, in [0, 1]: the share of the message's words,
 * weighted by how specific each word is (BM25's idf over the workspace), whose characters are
 * covered by terms the article matched (the word itself, a Han bigram inside it, or a synonym
 * group it triggered). Unlike a raw BM25 score this does not grow with message length or
 * knowledge-base size, so one threshold works for every message. A word no article contains
 * counts double the highest idf: a question about something the shop never wrote about
 * ("do you sell phone cases") must stay unsure however well its other words match.
 */
export function coverage(tokens: Token[], matched: ReadonlySet<string>, stats: TermStats): Evidence {
  const covered = new Set<number>();
  for (const t of tokens) {
    if (!matched.has(t.term)) continue;
    for (const [s, e] of t.spans ?? [[t.start, t.end]]) for (let i = s; i < e; i++) covered.add(i);
  }
  let total = 0;
  let got = 0;
  for (const t of tokens) {
    if (t.kind !== 'word') continue;
    const df = stats.df(t.term);
    const w = df === 0 ? unknownWeight * idf(stats.documents, 0) : idf(stats.documents, df);
    let inside = 0;
    for (let i = t.start; i < t.end; i++) if (covered.has(i)) inside++;
    total += w;
    got += (w * inside) / (t.end - t.start);
  }
  return { matched: got, total };
}

const unknownWeight = 2;

function idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

const marginWeight = 0.5;

/**
 * How well an article fits a message, in [0, 1]: the geometric mean of how much of the message
 * the article accounts for and how much of the article's closest phrasing the message says.
 * Either alone is fooled: a one-word message is fully covered by many articles, and a long
 * phrasing can contain a short unrelated message.
 */
export function fit(e: Evidence): number {
  const message = e.total === 0 ? 0 : e.matched / e.total;
  const phrasing = !e.phrasingTotal ? 0 : (e.phrasingMatched ?? 0) / e.phrasingTotal;
  return Math.sqrt(message * phrasing);
}

/**
 * How sure the bot is that an article answers a message, in [0, 1]: its fit, discounted when
 * the runner-up came close, because then the message sits between two articles.
 */
export function confidence(e: Evidence): number {
  const ratio = e.runnerUp ?? 0;
  return Math.round(fit(e) * (1 - marginWeight * ratio * ratio) * 1000) / 1000;
}
