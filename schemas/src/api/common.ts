import type { FromSchema } from 'json-schema-to-ts';
import { errorBodySchema } from '../error-body';
import { oneLine } from '../safe-text';

/** A MongoDB ObjectId in its 24-hex-digit form. */
export const objectIdSchema = { type: 'string', pattern: '^[0-9a-f]{24}$' } as const;

export const idParamsSchema = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: objectIdSchema },
} as const;
export type IdParams = FromSchema<typeof idParamsSchema>;

export const emailSchema = { type: 'string', format: 'email', minLength: 3, maxLength: 254 } as const;
export const nameSchema = oneLine(1, 100);
/** Long enough to resist guessing; capped so hashing cannot be used to burn CPU. */
export const passwordSchema = { type: 'string', minLength: 10, maxLength: 200 } as const;
export const dateTimeSchema = { type: 'string', format: 'date-time' } as const;

/** Every route answers its 4xx and 5xx in the one error shape. */
export const errorResponses = { '4xx': errorBodySchema, '5xx': errorBodySchema } as const;

export const emptySchema = { type: 'object', additionalProperties: false, properties: {} } as const;
