export { compileSensitiveWords, type SensitiveScreener } from './sensitive-matcher';
export { foldText, foldWord } from './fold-text';
