import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { unsafeTextProblem } from '@kefu/schemas/validate';
import { KefuError } from '../../errors';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Client text is refused at the door when it cannot be stored or shown as given: NUL and other
 * control characters, lone surrogates, invalid UTF-8, and the keys `__proto__`, `constructor` and
 * `prototype` (@kefu/schemas safe-text.ts). A 400 names the field, for every route at once, instead
 * of a 500 from the database, a U+FFFD stored in its place or a key dropped without a word.
 *
 * JSON bodies are checked in their parser, before any hook or handler sees them: the parser keeps
 * `__proto__` as a plain key (JSON.parse does) only so that the check can name it and refuse it.
 * Querystrings and path parameters are checked before validation.
 */
export default fp(
  async (app) => {
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, raw, done) => {
      try {
        done(null, parseJsonBody(raw as Buffer));
      } catch (err) {
        done(err as Error, undefined);
      }
    });
    app.addHook('preValidation', async (request: FastifyRequest) => {
      refuseUnsafe(request.query, 'querystring');
      refuseUnsafe(request.params, 'params');
    });
  },
  { name: 'text-guard' },
);

function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0)
    throw new KefuError('KEFU_ERR_BAD_JSON', 'The body is empty; send JSON or no content type');
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw new KefuError('KEFU_ERR_BAD_JSON', 'The body is not valid UTF-8', 'body');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new KefuError('KEFU_ERR_BAD_JSON', 'The body is not valid JSON');
  }
  refuseUnsafe(value, 'body');
  return value;
}

/** Throws a 400 naming the first field (`body/attributes/a\u0000b`) whose text may not be stored. */
export function refuseUnsafe(value: unknown, part: 'body' | 'querystring' | 'params'): void {
  const problem = unsafeTextProblem(value);
  if (!problem) return;
  const field = `${part}${problem.field}`;
  throw new KefuError('KEFU_ERR_VALIDATION', `${field} ${problem.message}`, field);
}
