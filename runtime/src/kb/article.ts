/**
 * A knowledge-base article as the matcher sees it. Storage (Mongoose), import and the API all
 * convert to this shape, so the matcher stays pure: no I/O, no database types.
 */
export interface KbArticle {
  id: string;
  /** The title question, written the way a customer would ask it. */
  question: string;
  /** Other ways customers ask the same thing; weighted like the question. */
  phrasings: string[];
  answer: string;
  tags: string[];
  /** BCP 47 tag such as "zh-CN" or "en"; only the language part is used for matching. */
  locale: string;
  /** Disabled articles stay in the workspace but are never matched. Defaults to true. */
  enabled?: boolean;
}

/** The language part of a locale tag: "zh-CN" -> "zh". */
export function languageOf(locale: string): string {
  return locale.toLowerCase().split(/[-_]/)[0] ?? '';
}

/**
 * Questions that differ only in case, width, spacing or final punctuation are the same
 * question: one article per question per workspace.
 */
export function questionKey(question: string): string {
  return question
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[\s?!.。？！]+$/u, '')
    .trim();
}
