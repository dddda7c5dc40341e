// API bodies and answers. A separate entry from the package root, which the workflow bundle imports.
export * from './common';
export * from './page';
export * from './roles';
export * from './accounts';
export * from './invites';
export * from './audit';
export * from './records';
export * from './flows';
export * from './runs';
export * from './routing';
export * from './kb';
export * from './tickets';
export * from './inbox';
export * from './agent-events';
export * from './contacts';
export * from './simulations';
export * from './channels';
