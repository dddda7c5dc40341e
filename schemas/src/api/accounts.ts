import type { FromSchema } from 'json-schema-to-ts';
import { dateTimeSchema, emailSchema, nameSchema, objectIdSchema, passwordSchema } from './common';
import { rolesSchema } from './roles';

export const userSchema = {
  type: 'object',
  title: 'User',
  required: ['id', 'email', 'name', 'roles', 'disabled', 'viewPersonalData', 'createdAt'],
  additionalProperties: false,
  properties: {
    id: objectIdSchema,
    email: { type: 'string' },
    name: { type: 'string' },
    roles: rolesSchema,
    disabled: { type: 'boolean' },
    viewPersonalData: {
      type: 'boolean',
      description:
        'Sees phone numbers, emails, ID-card and bank-card numbers in clear (docs/privacy.md). Owners always do; owners grant it to others.',
    },
    createdAt: dateTimeSchema,
  },
} as const;
export type User = FromSchema<typeof userSchema>;

export const workspaceSettingsSchema = {
  type: 'object',
  title: 'Workspace',
  required: ['id', 'name', 'publicKey', 'timeZone'],
  additionalProperties: false,
  properties: {
    id: objectIdSchema,
    name: { type: 'string' },
    publicKey: { type: 'string', description: 'Public id the widget snippet carries' },
    timeZone: { type: 'string', description: 'IANA time zone, e.g. Asia/Shanghai' },
  },
} as const;
export type WorkspaceSettings = FromSchema<typeof workspaceSettingsSchema>;

export const workspacePatchSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    name: nameSchema,
    timeZone: { type: 'string', minLength: 1, maxLength: 64 },
  },
} as const;
export type WorkspacePatch = FromSchema<typeof workspacePatchSchema>;

/** Who is signed in, and where. */
export const meSchema = {
  type: 'object',
  required: ['user', 'workspace'],
  additionalProperties: false,
  properties: { user: userSchema, workspace: workspaceSettingsSchema },
} as const;
export type Me = FromSchema<typeof meSchema>;

export const signUpBodySchema = {
  type: 'object',
  required: ['workspaceName', 'name', 'email', 'password'],
  additionalProperties: false,
  properties: { workspaceName: nameSchema, name: nameSchema, email: emailSchema, password: passwordSchema },
} as const;
export type SignUpBody = FromSchema<typeof signUpBodySchema>;

export const loginBodySchema = {
  type: 'object',
  required: ['email', 'password'],
  additionalProperties: false,
  // Login accepts any password length up to the cap: the policy applies when one is set.
  properties: { email: emailSchema, password: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;
export type LoginBody = FromSchema<typeof loginBodySchema>;

export const passwordChangeBodySchema = {
  type: 'object',
  required: ['currentPassword', 'newPassword'],
  additionalProperties: false,
  properties: {
    currentPassword: { type: 'string', minLength: 1, maxLength: 200 },
    newPassword: passwordSchema,
  },
} as const;
export type PasswordChangeBody = FromSchema<typeof passwordChangeBodySchema>;

export const sessionInfoSchema = {
  type: 'object',
  title: 'Session',
  required: ['id', 'createdAt', 'expiresAt', 'current'],
  additionalProperties: false,
  properties: {
    id: objectIdSchema,
    createdAt: dateTimeSchema,
    expiresAt: dateTimeSchema,
    userAgent: { type: 'string' },
    current: { type: 'boolean', description: 'The session this request came with' },
  },
} as const;
export type SessionInfo = FromSchema<typeof sessionInfoSchema>;

export const userPatchSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    name: nameSchema,
    disabled: { type: 'boolean' },
    viewPersonalData: {
      type: 'boolean',
      description: 'Grant or revoke "view personal data"; an owner always has it',
    },
  },
} as const;
export type UserPatch = FromSchema<typeof userPatchSchema>;

export const rolesBodySchema = {
  type: 'object',
  required: ['roles'],
  additionalProperties: false,
  properties: { roles: rolesSchema },
} as const;
export type RolesBody = FromSchema<typeof rolesBodySchema>;
