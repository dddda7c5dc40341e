// Compiler entry: uses ajv, so it stays out of the workflow bundle (which imports only the package root).
export * from './problem';
export * from './compile-flow';
export { referencesOf, type DraftReference, type WorkspaceDirectory } from './reference-checks';
export * from './canonical-json';
export { compiledFlowValidator } from './compiled-validator';
export { diffFlows } from './diff-flows';
export { createConfigAjv, providePrecompiledConfigValidators } from './config-validators';
