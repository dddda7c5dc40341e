import type { Token } from './tokenize';

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
 * gets the highest idf: a question about something the shop never wrote about stays unsure.
 */
export function coverage(tokens: Token[], matched: ReadonlySet<string>, stats: TermStats): number {
  const covered = new Set<number>();
  for (const t of tokens) {
    if (!matched.has(t.term)) continue;
    for (const [s, e] of t.spans ?? [[t.start, t.end]]) for (let i = s; i < e; i++) covered.add(i);
  }
  let total = 0;
  let got = 0;
  for (const t of tokens) {
    if (t.kind !== 'word') continue;
    const w = idf(stats.documents, stats.df(t.term));
    let inside = 0;
    for (let i = t.start; i < t.end; i++) if (covered.has(i)) inside++;
    total += w;
    got += (w * inside) / (t.end - t.start);
  }
  return total === 0 ? 0 : got / total;
}

function idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}
