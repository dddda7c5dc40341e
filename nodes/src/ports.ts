import type { PortDeclaration } from './define-node';

/** The `next` port most nodes have; optional because an unconnected `next` simply ends the run. */
export const NEXT_PORT = { name: 'next', label: { en: 'next', zh: '下一步' }, required: false } as const satisfies PortDeclaration<'next'>;
export const REQUIRED_NEXT_PORT = { ...NEXT_PORT, required: true } as const satisfies PortDeclaration<'next'>;
