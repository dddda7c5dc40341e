import type { FromSchema } from 'json-schema-to-ts';
import { dateTimeSchema, nameSchema, objectIdSchema } from './common';

/** Teams, agents' presence and the offers routing makes them (the service desk's routing). */

/** What flows name a team by (the route-to-team node's teamId): lower-case, no spaces. */
export const teamKeySchema = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,63}$' } as const;
const membersSchema = { type: 'array', maxItems: 200, uniqueItems: true, items: objectIdSchema } as const;
const skillsSchema = {
  type: 'array',
  maxItems: 50,
  uniqueItems: true,
  items: { type: 'string', minLength: 1, maxLength: 64 },
} as const;

export const teamSchema = {
  type: 'object',
  title: 'Team',
  required: ['id', 'key', 'name', 'members', 'createdAt'],
  additionalProperties: false,
  properties: {
    id: objectIdSchema,
    key: teamKeySchema,
    name: nameSchema,
    /** User ids, in round-robin order. */
    members: membersSchema,
    createdAt: dateTimeSchema,
  },
} as const;
export type TeamWire = FromSchema<typeof teamSchema>;

export const teamCreateSchema = {
  type: 'object',
  required: ['key', 'name'],
  additionalProperties: false,
  properties: { key: teamKeySchema, name: nameSchema, members: membersSchema },
} as const;
export type TeamCreate = FromSchema<typeof teamCreateSchema>;

export const teamUpdateSchema = {
  type: 'object',
  minProperties: 1,
  additionalProperties: false,
  properties: { name: nameSchema, members: membersSchema },
} as const;
export type TeamUpdate = FromSchema<typeof teamUpdateSchema>;

/** One member added to a team (appended to its round-robin order); adding a member twice is a no-op. */
export const teamMemberBodySchema = {
  type: 'object',
  required: ['userId'],
  additionalProperties: false,
  properties: { userId: objectIdSchema },
} as const;
export type TeamMemberBody = FromSchema<typeof teamMemberBodySchema>;

export const teamMemberParamsSchema = {
  type: 'object',
  required: ['id', 'userId'],
  additionalProperties: false,
  properties: { id: objectIdSchema, userId: objectIdSchema },
} as const;
export type TeamMemberParams = FromSchema<typeof teamMemberParamsSchema>;

export const presenceSchema = { type: 'string', enum: ['online', 'away', 'offline'] } as const;
const maxConcurrentSchema = { type: 'integer', minimum: 0, maximum: 100 } as const;

export const agentProfileSchema = {
  type: 'object',
  title: 'AgentProfile',
  required: ['userId', 'presence', 'maxConcurrent', 'skills', 'load'],
  additionalProperties: false,
  properties: {
    userId: objectIdSchema,
    presence: presenceSchema,
    maxConcurrent: maxConcurrentSchema,
    skills: skillsSchema,
    /** Open offers plus accepted conversations. */
    load: { type: 'integer', minimum: 0 },
  },
} as const;
export type AgentProfileWire = FromSchema<typeof agentProfileSchema>;

/** What an agent sets about themselves. */
export const myPresenceSchema = {
  type: 'object',
  minProperties: 1,
  additionalProperties: false,
  properties: { presence: presenceSchema, maxConcurrent: maxConcurrentSchema },
} as const;
export type MyPresence = FromSchema<typeof myPresenceSchema>;

/** What an owner sets about an agent. */
export const agentSettingsSchema = {
  type: 'object',
  minProperties: 1,
  additionalProperties: false,
  properties: { skills: skillsSchema, maxConcurrent: maxConcurrentSchema },
} as const;
export type AgentSettings = FromSchema<typeof agentSettingsSchema>;

export const offerSchema = {
  type: 'object',
  title: 'Offer',
  required: ['id', 'conversationId', 'teamId', 'agentId', 'status', 'expiresAt', 'createdAt'],
  additionalProperties: false,
  properties: {
    id: objectIdSchema,
    conversationId: objectIdSchema,
    teamId: objectIdSchema,
    agentId: objectIdSchema,
    status: { type: 'string', enum: ['offered', 'accepted', 'declined', 'expired', 'released'] },
    expiresAt: dateTimeSchema,
    createdAt: dateTimeSchema,
  },
} as const;
export type OfferWire = FromSchema<typeof offerSchema>;
