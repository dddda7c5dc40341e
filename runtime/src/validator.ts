import type { FastifySchemaCompiler } from 'fastify';
import { createAjv } from '@kefu/schemas/validate';

// Bodies are JSON and must already have the right types: a string where a number belongs is a
// client bug we name. Querystring, params and headers are text by nature, so they are coerced
// (`?limit=20` is the number 20) and get their defaults.
const bodyAjv = createAjv({ strict: false, coerceTypes: false, useDefaults: false, removeAdditional: false });
const textAjv = createAjv({ strict: false, coerceTypes: 'array', useDefaults: true, removeAdditional: false });

/** The one validator compiler: JSON Schema from @kefu/schemas on every request part. */
export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? bodyAjv : textAjv).compile(schema);
