import type { FromSchema } from 'json-schema-to-ts';
import { dateTimeSchema, emailSchema, nameSchema, objectIdSchema, passwordSchema } from './common';
import { rolesSchema } from './roles';

export const inviteBodySchema = {
  type: 'object',
  required: ['email', 'roles'],
  additionalProperties: false,
  properties: { email: emailSchema, roles: rolesSchema },
} as const;
export type InviteBody = FromSchema<typeof inviteBodySchema>;

export const inviteSchema = {
  type: 'object',
  title: 'Invite',
  required: ['id', 'email', 'roles', 'expiresAt', 'createdAt', 'status'],
  additionalProperties: false,
  properties: {
    id: objectIdSchema,
    email: { type: 'string' },
    roles: rolesSchema,
    status: { type: 'string', enum: ['pending', 'accepted', 'expired'] },
    expiresAt: dateTimeSchema,
    createdAt: dateTimeSchema,
  },
} as const;
export type Invite = FromSchema<typeof inviteSchema>;

/** Answer to creating an invite: the link is in it until a mail channel sends it. */
export const createdInviteSchema = {
  type: 'object',
  required: ['invite', 'link'],
  additionalProperties: false,
  properties: { invite: inviteSchema, link: { type: 'string' } },
} as const;

export const acceptInviteBodySchema = {
  type: 'object',
  required: ['token', 'name', 'password'],
  additionalProperties: false,
  properties: {
    token: { type: 'string', minLength: 20, maxLength: 200, pattern: '^[0-9a-f]{24}\\.[A-Za-z0-9_-]+$' },
    name: nameSchema,
    password: passwordSchema,
  },
} as const;
export type AcceptInviteBody = FromSchema<typeof acceptInviteBodySchema>;

/** The accept page's question before the invitee types anything: is this link good, and for what? */
export const invitePreviewQuerySchema = {
  type: 'object',
  required: ['token'],
  additionalProperties: false,
  properties: { token: acceptInviteBodySchema.properties.token },
} as const;
export type InvitePreviewQuery = FromSchema<typeof invitePreviewQuerySchema>;

export const invitePreviewSchema = {
  type: 'object',
  title: 'InvitePreview',
  required: ['email', 'roles', 'workspaceName', 'expiresAt'],
  additionalProperties: false,
  properties: {
    email: { type: 'string' },
    roles: rolesSchema,
    workspaceName: { type: 'string' },
    expiresAt: dateTimeSchema,
  },
} as const;
export type InvitePreview = FromSchema<typeof invitePreviewSchema>;
