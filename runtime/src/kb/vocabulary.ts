import type { Token } from './tokenize';

/**
 * Reads an English word the knowledge base never uses as one it does use, before ranking:
 * - two swapped letters ("retrun" -> "return", "invocie" -> "invoice"): the commonest typing
 *   slip, and two edits for the fuzzy (Levenshtein) search, too many to allow on short words;
 * - otherwise the longest known word that starts it ("washable" -> "wash"): Porter stemming
 *   keeps such derivations apart, and customers rarely use the article's exact word.
 * Words the knowledge base knows, Chinese terms and short words are left alone.
 */
export function correct(t: Token, known: ReadonlyMap<string, number>): Token {
  if (t.kind !== 'word' || !/^[a-z]/.test(t.term) || t.term.length < 4 || known.has(t.term)) return t;
  const term = t.term;
  for (let i = 0; i + 1 < term.length; i++) {
    const swapped = term.slice(0, i) + term[i + 1] + term[i] + term.slice(i + 2);
    if (known.has(swapped)) return { ...t, term: swapped };
  }
  for (let n = term.length - 1; n >= 4; n--) {
    const prefix = term.slice(0, n);
    if (known.has(prefix)) return { ...t, term: prefix };
  }
  return t;
}
