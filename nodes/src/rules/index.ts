export * from './rule-schema';
export * from './operators';
export * from './facts';
export * from './evaluate-condition';
export * from './check-condition';
export * from './patterns';
export * from './date-age';
