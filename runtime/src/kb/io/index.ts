export {
  checkRows,
  type ArticleInput,
  type ImportOptions,
  type ImportProblem,
  type ImportReport,
} from './article-rows';
export { exportArticlesCsv, exportArticlesJson, streamArticles } from './export-articles';
export { parseArticlesCsv } from './parse-csv';
export { parseArticlesJson } from './parse-json';
