import Ajv, { type ErrorObject, type JSONSchemaType, type Options, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { RESERVED_NAMES } from './flow';

import { ONE_LINE_PATTERN } from './safe-text';

export {
  RESERVED_KEYS,
  unsafeTextProblem,
  oneLine,
  ONE_LINE_PATTERN,
  cleanText,
  truncateText,
  type Cleaned,
} from './safe-text';

/** One problem with an input, named by the JSON path of the field that is wrong. */
export interface FieldProblem {
  /** JSON-pointer-like path, e.g. `/text` or `/nodes/3/config/text`; empty for the whole value. */
  field: string;
  message: string;
  keyword: string;
}

/** An ajv with our defaults and formats; the API builds its own for request parts that need coercion. */
export function createAjv(options: Options = {}): Ajv {
  // verbose: errors carry the value that failed, so a message can say what was wrong with it.
  const instance = new Ajv({
    allErrors: true,
    strict: true,
    useDefaults: false,
    allowUnionTypes: true,
    verbose: true,
    ...options,
  });
  addFormats(instance);
  return instance;
}

// One shared instance: schemas compile once and are cached by identity.
export const ajv = createAjv();

export type Check<T> = (value: unknown) => { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

const precompiled = new WeakMap<object, ValidateFunction>();

/**
 * Hands in a validator compiled ahead of time for a schema (the same object `checker` gets). The
 * designer page's CSP has no 'unsafe-eval', so there ajv must never compile: the editor's build
 * precompiles the schemas it checks (editor/scripts/precompile-validators.ts).
 */
export function providePrecompiled(schema: object, validate: ValidateFunction): void {
  precompiled.set(schema, validate);
}

/**
 * Builds a checker from a JSON Schema. The type parameter is derived from the schema by the caller.
 * The schema compiles on first use, so a precompiled validator handed in after import still wins.
 */
export function checker<T>(schema: object | JSONSchemaType<T>): Check<T> {
  let validate: ValidateFunction | undefined;
  return (value) => {
    validate ??= precompiled.get(schema) ?? ajv.compile(schema);
    return validate(value)
      ? { ok: true, value: value as T }
      : { ok: false, problems: toProblems(validate.errors ?? []) };
  };
}

export function toProblems(errors: ErrorObject[]): FieldProblem[] {
  return errors.map((e) => {
    // Name the offending property itself, not its parent, for missing and extra fields.
    let field = e.instancePath;
    if (e.keyword === 'required') field += `/${(e.params as { missingProperty: string }).missingProperty}`;
    if (e.keyword === 'additionalProperties')
      field += `/${(e.params as { additionalProperty: string }).additionalProperty}`;
    return { field, keyword: e.keyword, message: describe(e) };
  });
}

function describe(e: ErrorObject): string {
  switch (e.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not allowed here';
    case 'pattern':
      if (e.schema === ONE_LINE_PATTERN) return 'must be one line: no tabs or line breaks';
      // Name patterns start by refusing JavaScript's own property names (flow.ts RESERVED_NAME).
      if ((RESERVED_NAMES as readonly unknown[]).includes(e.data))
        return `"${String(e.data)}" is a reserved name; choose another`;
      return e.message ?? 'is invalid';
    case 'enum':
      return `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ')}`;
    default:
      return e.message ?? 'is invalid';
  }
}
