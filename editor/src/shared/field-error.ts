import { ApiError } from './http';

/**
 * The API's refusal of one field of a form (its `field`, e.g. `body/targets/high/resolutionMinutes`),
 * to show next to that field: the message without the path it starts with. `path` is the field's
 * path under `body/`; a refusal of something inside it (`body/phrasings/2`) counts too.
 */
export function fieldError(err: unknown, path: string): string | undefined {
  if (!(err instanceof ApiError) || !err.field) return undefined;
  const field = `body/${path}`;
  if (err.field !== field && !err.field.startsWith(`${field}/`)) return undefined;
  return err.message.startsWith(`${err.field} `) ? err.message.slice(err.field.length + 1) : err.message;
}

/** A refusal that names none of `paths` (or no field at all): shown above the form. */
export function formError(err: unknown, paths: readonly string[]): string | undefined {
  if (!err) return undefined;
  if (!(err instanceof ApiError)) return String(err);
  return paths.some((p) => fieldError(err, p) !== undefined) ? undefined : err.message;
}
