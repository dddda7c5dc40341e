import AhoCorasick from 'modern-ahocorasick';
import type { SensitiveAction, SensitiveScreening, SensitiveWords } from '@kefu/schemas/api';
import { foldText, foldWord } from './fold-text';

/**
 * A workspace's sensitive words compiled once into one Aho–Corasick automaton over folded text
 * (fold-text.ts), so a message is read once whatever the length of the list.
 *
 * Words written in Latin letters or digits only match as whole words of the message ("ass" is not
 * found in "class"): Chinese has no spaces, so Chinese words match anywhere. Overlapping hits keep
 * the earliest, then the longest.
 */
export interface SensitiveScreener {
  screen(text: string): SensitiveScreening;
  /** How each category acts, for callers deciding what a hit means. */
  actionOf(category: string): SensitiveAction | undefined;
}

interface Entry {
  word: string;
  category: string;
  wholeWord: boolean;
}

const LATIN_ONLY = /^[\p{Script=Latin}\p{Nd}]+$/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const MASK = '＊';

export function compileSensitiveWords(list: SensitiveWords): SensitiveScreener {
  const actions = new Map(list.categories.map((c) => [c.key, c.action as SensitiveAction]));
  const entries: { pattern: string; data: Entry }[] = [];
  for (const w of list.words) {
    const pattern = foldWord(w.text);
    if (!pattern || !actions.has(w.category)) continue;
    entries.push({
      pattern,
      data: { word: w.text, category: w.category, wholeWord: LATIN_ONLY.test(pattern) },
    });
  }
  const automaton = entries.length > 0 ? new AhoCorasick(entries) : null;

  function hitsIn(text: string) {
    if (!automaton) return [];
    const { folded, start, end } = foldText(text);
    const found = automaton
      .search(folded)
      .map((m) => ({ ...(m.data as Entry), start: start[m.start]!, end: end[m.end - 1]! }))
      .filter((h) => !h.wholeWord || (!wordCharAt(text, h.start - 1, -1) && !wordCharAt(text, h.end, 1)))
      .sort((a, b) => a.start - b.start || b.end - a.end);
    const kept: typeof found = [];
    for (const hit of found) if (kept.length === 0 || hit.start >= kept[kept.length - 1]!.end) kept.push(hit);
    return kept;
  }

  return {
    actionOf: (category) => actions.get(category),
    screen(text) {
      const hits = hitsIn(text);
      const categories = [...new Set(hits.map((h) => h.category))];
      const blocked = hits.find((h) => actions.get(h.category) === 'block')?.category ?? null;
      let masked = '';
      let at = 0;
      for (const hit of hits) {
        if (actions.get(hit.category) !== 'mask') continue;
        masked += text.slice(at, hit.start) + maskOf(text.slice(hit.start, hit.end));
        at = hit.end;
      }
      masked += text.slice(at);
      return {
        text: masked,
        blocked,
        categories,
        hits: hits.map(({ word, category, start, end }) => ({ word, category, start, end })),
      };
    },
  };
}

/** Whether the code point next to `index` (before it when `step` is -1) is a letter or digit. */
function wordCharAt(text: string, index: number, step: -1 | 1): boolean {
  if (index < 0 || index >= text.length) return false;
  const code =
    step === -1 ? text.codePointAt(index - (isLowSurrogate(text, index) ? 1 : 0)) : text.codePointAt(index);
  return code !== undefined && WORD_CHAR.test(String.fromCodePoint(code));
}
const isLowSurrogate = (text: string, i: number) => {
  const c = text.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
};

/** The letters and digits of a hit masked; the spaces or symbols typed between them kept. */
const maskOf = (span: string) => [...span].map((ch) => (WORD_CHAR.test(ch) ? MASK : ch)).join('');
