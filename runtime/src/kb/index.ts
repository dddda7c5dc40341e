export { languageOf, questionKey, type KbArticle } from './article';
export {
  DEFAULT_THRESHOLD,
  createMatcher,
  type Candidate,
  type KbMatcher,
  type MatchResult,
  type MatcherOptions,
} from './matcher';
export { createSynonymExpander, type SynonymGroups } from './synonyms';
export { analyze, guessLanguage, normalize, type Analysis, type Token } from './tokenize';
