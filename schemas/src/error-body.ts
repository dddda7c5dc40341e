import type { FromSchema } from 'json-schema-to-ts';

/** The one error shape every API route and WebSocket error frame uses. */
export const errorBodySchema = {
  type: 'object',
  title: 'Error',
  required: ['statusCode', 'code', 'message'],
  additionalProperties: false,
  properties: {
    statusCode: { type: 'integer' },
    code: { type: 'string', description: 'Stable machine-readable code, e.g. KEFU_ERR_VALIDATION' },
    message: { type: 'string' },
    field: { type: 'string', description: 'Path of the field that is wrong, when one is' },
  },
} as const;

export type ErrorBody = FromSchema<typeof errorBodySchema>;
