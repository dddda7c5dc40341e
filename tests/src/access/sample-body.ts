/** A JSON Schema as /docs/json describes a request body (OpenAPI 3.0 dialect). */
export interface BodySchema {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  default?: unknown;
  oneOf?: BodySchema[];
  anyOf?: BodySchema[];
  properties?: Record<string, BodySchema>;
  required?: string[];
  minProperties?: number;
  items?: BodySchema;
  minItems?: number;
  minLength?: number;
  minimum?: number;
  format?: string;
  pattern?: string;
}

/**
 * The smallest value a schema plausibly accepts: required properties only, first enum values,
 * minimum lengths. Good enough to get most bodies past validation so the handler itself runs.
 */
export function sampleBody(schema: BodySchema): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants?.[0]) return sampleBody(variants[0]);
  const type = [schema.type].flat().find((t) => t !== 'null') ?? (schema.properties ? 'object' : undefined);
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const keys = schema.required?.length
        ? schema.required
        : Object.keys(schema.properties ?? {}).slice(0, schema.minProperties ?? 0);
      for (const key of keys) out[key] = sampleBody(schema.properties?.[key] ?? {});
      return out;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sampleBody(schema.items ?? {}));
    case 'string':
      if (schema.format === 'email') return 'someone@example.com';
      if (schema.format === 'date-time') return new Date().toISOString();
      if (schema.pattern === '^[0-9a-f]{24}$') return '0123456789abcdef01234567';
      return 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    default:
      return {};
  }
}
