import type { FromSchema } from 'json-schema-to-ts';

/** Who a console user can be in a workspace; a user may hold several. */
export const ROLES = ['owner', 'agent', 'analyst'] as const;

export const roleSchema = { type: 'string', enum: ROLES } as const;
export type Role = FromSchema<typeof roleSchema>;

export const rolesSchema = {
  type: 'array',
  items: roleSchema,
  minItems: 1,
  maxItems: ROLES.length,
  uniqueItems: true,
} as const;

/** What each role is for, as the console and /roles show it. */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: 'Everything in the workspace: flows, users, roles, settings, audit log',
  agent: 'The inbox: conversations and tickets, contacts, canned replies; knowledge base read-only',
  analyst: 'Run histories and analytics; flows read-only',
};

/**
 * Who reads the analytics area (the run explorer, KPIs): analysts read everything there and change
 * nothing; agents never open it. The console's nav and the analytics routes both take this list.
 */
export const ANALYTICS_READERS = ['owner', 'analyst'] as const satisfies readonly Role[];

/** Who works the service desk (inbox, tickets, contacts): the console shows it to them only. */
export const DESK_WORKERS = ['owner', 'agent'] as const satisfies readonly Role[];
