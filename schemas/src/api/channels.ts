import type { FromSchema } from 'json-schema-to-ts';
import { MESSAGE_TEXT_MAX, messageSchema } from '../message';
import { dateTimeSchema, emailSchema, nameSchema, objectIdSchema } from './common';

/** API channel: keys the shop's systems send with, and webhook endpoints replies go to. */

export const apiKeyCreateSchema = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { name: { ...nameSchema, description: 'What the key is for, e.g. "order system"' } },
} as const;
export type ApiKeyCreate = FromSchema<typeof apiKeyCreateSchema>;

export const apiKeySchema = {
  type: 'object',
  required: ['id', 'name', 'prefix', 'createdAt'],
  additionalProperties: false,
  properties: {
    id: objectIdSchema,
    name: { type: 'string' },
    prefix: { type: 'string', description: 'The start of the key, to tell keys apart' },
    createdAt: dateTimeSchema,
    revokedAt: dateTimeSchema,
    lastUsedAt: dateTimeSchema,
  },
} as const;
export type ApiKeyWire = FromSchema<typeof apiKeySchema>;

export const apiKeyCreatedSchema = {
  type: 'object',
  required: ['apiKey', 'key'],
  additionalProperties: false,
  properties: {
    apiKey: apiKeySchema,
    key: { type: 'string', description: 'The key itself: shown once, only its hash is kept' },
  },
} as const;

export const apiKeyListSchema = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: { items: { type: 'array', items: apiKeySchema } },
} as const;

export const webhookCreateSchema = {
  type: 'object',
  required: ['url'],
  additionalProperties: false,
  properties: {
    url: {
      type: 'string',
      minLength: 8,
      maxLength: 2000,
      pattern: '^https?://',
      description:
        'Where replies and events are POSTed (http or https; private addresses are refused on delivery)',
    },
    description: { type: 'string', maxLength: 200 },
  },
} as const;
export type WebhookCreate = FromSchema<typeof webhookCreateSchema>;

export const webhookSchema = {
  type: 'object',
  required: ['id', 'url', 'createdAt'],
  additionalProperties: false,
  properties: {
    id: objectIdSchema,
    url: { type: 'string' },
    description: { type: 'string' },
    createdAt: dateTimeSchema,
  },
} as const;
export type WebhookWire = FromSchema<typeof webhookSchema>;

export const webhookCreatedSchema = {
  type: 'object',
  required: ['webhook', 'secret'],
  additionalProperties: false,
  properties: {
    webhook: webhookSchema,
    secret: {
      type: 'string',
      description:
        'Signs every delivery: x-kefu-signature = "v1=" + hex HMAC-SHA256(secret, x-kefu-timestamp + "." + body). Shown once.',
    },
  },
} as const;

export const webhookListSchema = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: { items: { type: 'array', items: webhookSchema } },
} as const;

export const apiMessageBodySchema = {
  type: 'object',
  required: ['externalContactId', 'text', 'idempotencyKey'],
  additionalProperties: false,
  properties: {
    externalContactId: {
      type: 'string',
      minLength: 1,
      maxLength: 128,
      pattern: '^[A-Za-z0-9_.:@-]+$',
      description: "The customer's id in the shop's own system; one Kefu contact per id",
    },
    text: { type: 'string', minLength: 1, maxLength: MESSAGE_TEXT_MAX },
    idempotencyKey: {
      type: 'string',
      minLength: 8,
      maxLength: 64,
      pattern: '^[A-Za-z0-9_-]+$',
      description: 'Chosen by the caller; a retry with the same key is stored once',
    },
    name: nameSchema,
    email: emailSchema,
  },
} as const;
export type ApiMessageBody = FromSchema<typeof apiMessageBodySchema>;

export const apiMessageAcceptedSchema = {
  type: 'object',
  required: ['conversationId', 'message'],
  additionalProperties: false,
  properties: { conversationId: objectIdSchema, message: messageSchema },
} as const;

export const emailChannelSchema = {
  type: 'object',
  required: ['address', 'receiving'],
  additionalProperties: false,
  properties: {
    address: {
      type: 'string',
      description: "The workspace's address: mail to it becomes email conversations",
    },
    receiving: { type: 'boolean', description: 'Whether this API process listens for mail (KEFU_SMTP_PORT)' },
  },
} as const;
export type EmailChannel = FromSchema<typeof emailChannelSchema>;

/** A site as a browser names it in Origin: scheme, host and an optional port; no path. */
export const siteOriginSchema = {
  type: 'string',
  maxLength: 200,
  pattern: '^[Hh][Tt][Tt][Pp][Ss]?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$',
  description: 'e.g. https://shop.example.com or http://localhost:8080 (no path, no trailing slash)',
} as const;

/** The widget channel: which sites may embed the chat. */
export const widgetChannelSchema = {
  type: 'object',
  required: ['allowedOrigins'],
  additionalProperties: false,
  properties: {
    allowedOrigins: {
      type: 'array',
      maxItems: 50,
      items: siteOriginSchema,
      description:
        'Sites that may embed the widget (frame the chat page or open its socket). Empty: any site.',
    },
  },
} as const;
export type WidgetChannel = FromSchema<typeof widgetChannelSchema>;
