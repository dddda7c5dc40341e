/**
 * The words a contact is found by name with, as stored in `nameKeys` (an indexed array: a lookup
 * of one word is one equality lookup). Lower case; the whole name, each word of it, and for
 * Chinese, Japanese or Korean names (written without spaces) each character too, so "伟" finds
 * "张伟". A search for anything else (part of a word) reads pages of contacts instead.
 */
export function nameKeys(name: unknown): string[] | null {
  if (typeof name !== 'string') return null;
  const whole = normalizeName(name);
  if (!whole) return null;
  const keys = new Set<string>([whole]);
  for (const word of whole.split(WORD_BREAK)) {
    if (!word) continue;
    keys.add(word);
    for (const char of word) if (CJK.test(char)) keys.add(char);
  }
  return [...keys].slice(0, 40);
}

/** A search text as nameKeys stores it. */
export function normalizeName(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}

const WORD_BREAK = /[\s,.;:!?'"()[\]{}<>/\\|_\-·・]+/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
