import { analyze, type Token } from './tokenize';

/**
 * Workspace synonyms: groups of terms that mean the same thing to this shop ("退货" ~ "退款" ~
 * "return"). A group's term may be a phrase ("opening hours") or Chinese without spaces. When
 * all of a term's parts occur in a text, the text gets one extra token standing for the whole
 * group, at index time and at query time, so either side may use any member of the group.
 */
export type SynonymGroups = ReadonlyArray<ReadonlyArray<string>>;

interface Entry {
  group: string;
  parts: string[];
}

export interface SynonymExpander {
  expand(tokens: Token[]): Token[];
}

/**
 * Parts of a term, matched by containment: Latin stems and Han bigrams (single Han characters
 * for one-character terms), so "退货" matches inside "我要退货了" whatever the segmenter did.
 */
function partsOf(tokens: Token[]): string[] {
  const bigrams = tokens.filter((t) => t.kind === 'bigram' || t.kind === 'sound').map((t) => t.term);
  const words = tokens.filter(
    (t) => t.kind === 'word' && (!/\p{Script=Han}/u.test(t.term) || t.term.length === 1),
  );
  return [...new Set([...bigrams, ...words.map((t) => t.term)])];
}

export function createSynonymExpander(groups: SynonymGroups = []): SynonymExpander {
  // Entries are listed under their first part so a text only checks groups it could trigger.
  const byPart = new Map<string, Entry[]>();
  groups.forEach((terms, i) => {
    const group = `~${i}`;
    for (const term of terms) {
      const parts = partsOf(analyze(term).tokens);
      const first = parts[0];
      if (first === undefined) continue;
      const list = byPart.get(first) ?? [];
      list.push({ group, parts });
      byPart.set(first, list);
    }
  });

  return {
    expand(tokens) {
      if (byPart.size === 0) return tokens;
      const spans = new Map<string, Array<[number, number]>>();
      for (const t of tokens) {
        if (t.kind === 'synonym') continue;
        const list = spans.get(t.term) ?? [];
        list.push([t.start, t.end]);
        spans.set(t.term, list);
      }
      const found = new Map<string, Array<[number, number]>>();
      for (const term of spans.keys()) {
        for (const entry of byPart.get(term) ?? []) {
          if (!entry.parts.every((p) => spans.has(p))) continue;
          const list = found.get(entry.group) ?? [];
          for (const p of entry.parts) list.push(...(spans.get(p) ?? []));
          found.set(entry.group, list);
        }
      }
      const extra: Token[] = [...found].map(([group, s]) => ({
        term: group,
        kind: 'synonym',
        start: Math.min(...s.map((x) => x[0])),
        end: Math.max(...s.map((x) => x[1])),
        spans: s,
      }));
      return extra.length ? [...tokens, ...extra] : tokens;
    },
  };
}
