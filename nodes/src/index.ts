export * from './text';
export * from './define-node';
export * from './run-context';
export * from './template';
export * from './clock';
export * from './registry';
export * from './rules';
export { isBlockedHost } from './http-request/address';
export * from './trigger-match';
