import { ApiError } from '../flows/flow-store-api';

export { ApiError };

/**
 * One JSON call to the API on this origin, signed in with the httpOnly session cookie. Answers
 * other than 2xx become an ApiError in the API's one error shape.
 */
export async function apiCall<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let value: unknown;
  try {
    value = text ? JSON.parse(text) : undefined;
  } catch {
    value = undefined;
  }
  if (!response.ok) {
    const error = (value ?? {}) as { code?: string; message?: string; field?: string };
    throw new ApiError(
      response.status,
      error.code ?? 'KEFU_ERR_UNKNOWN',
      error.message ?? response.statusText,
      error.field,
    );
  }
  return value as T;
}

/** `?a=1&b=x` from the defined values of an object; empty strings and undefined are left out. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const out = search.toString();
  return out ? `?${out}` : '';
}

export const isUnauthorized = (err: unknown) => err instanceof ApiError && err.status === 401;
export const isNotFoundError = (err: unknown) => err instanceof ApiError && err.status === 404;
