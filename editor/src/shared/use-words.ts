import type { LocalText } from '@kefu/nodes';
import { useLang } from '../flows/i18n';

/**
 * A `t(key)` hook over one area's own words, sharing the designer's language choice (kept in
 * localStorage), so the whole console switches language together.
 */
export function makeUseWords<K extends string>(words: Record<K, LocalText>) {
  return function useWords() {
    const lang = useLang((s) => s.lang);
    return { lang, t: (key: K) => words[key][lang] };
  };
}
