export * from './error-body';
export * from './message';
export * from './widget-frames';
export * from './flow';
export * from './flow-run';
export * from './step-why';
export * from './outbound';
