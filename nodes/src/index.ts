export * from './text';
export * from './define-node';
export * from './run-context';
export * from './template';
export * from './registry';
