import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from '@kefu/schemas';
import { toProblems } from '@kefu/schemas/validate';
import { KefuError } from './errors';
import { WriteConflictError } from './models/revision';
import { FieldCryptoError } from './privacy/field-crypto';
import { StaleWriteRetriesExhausted } from './store/stale-write-retry';

/** Turns every failure into the one error shape; 5xx details go to the log, never to the client. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const body = toErrorBody(err);
    if (body.statusCode >= 500) {
      request.log.error({ err }, 'request failed');
    }
    return reply.status(body.statusCode).send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      statusCode: 404,
      code: 'KEFU_ERR_NOT_FOUND',
      message: `No route ${request.method} ${request.url.split('?')[0]}`,
    } satisfies ErrorBody),
  );
}

function toErrorBody(err: FastifyError): ErrorBody {
  if (err instanceof KefuError) return err.toBody();
  // A document that kept changing under every attempt to write it: the client may simply try again.
  if (err instanceof WriteConflictError || err instanceof StaleWriteRetriesExhausted)
    return {
      statusCode: 409,
      code: 'KEFU_ERR_CONFLICT',
      message: 'This changed too often at the same moment; try again',
    };
  // Stored personal data this server cannot open: a missing key or an altered value. The message
  // names the key id and the setting, nothing of the data.
  if (err instanceof FieldCryptoError)
    return { statusCode: 503, code: 'KEFU_ERR_UNAVAILABLE', message: err.message };
  if (err.validation) {
    const [first] = toProblems(err.validation as Parameters<typeof toProblems>[0]);
    const where = err.validationContext ?? 'body';
    const field = `${where}${first?.field ?? ''}`;
    return {
      statusCode: 400,
      code: 'KEFU_ERR_VALIDATION',
      message: `${field} ${first?.message ?? 'is invalid'}`,
      field,
    };
  }
  if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError)
    return { statusCode: 400, code: 'KEFU_ERR_BAD_JSON', message: 'The body is not valid JSON' };
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return { statusCode: 413, code: 'KEFU_ERR_PAYLOAD_TOO_LARGE', message: 'The body is too large' };
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.statusCode === 415)
    return {
      statusCode: 415,
      code: 'KEFU_ERR_UNSUPPORTED_MEDIA_TYPE',
      message: 'Send the body as application/json',
    };
  if (err.statusCode === 429)
    return { statusCode: 429, code: 'KEFU_ERR_RATE_LIMITED', message: 'Too many requests; slow down' };
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)
    return { statusCode: err.statusCode, code: 'KEFU_ERR_VALIDATION', message: err.message };
  return { statusCode: 500, code: 'KEFU_ERR_INTERNAL', message: 'Something went wrong on our side' };
}

/**
 * Errors the router raises before any route runs (Fastify's `frameworkErrors`): a path parameter
 * past the router's length limit, a path that does not decode. Answered in the one shape too.
 */
export function frameworkErrors(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const body: ErrorBody =
    err.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? {
          statusCode: 414,
          code: 'KEFU_ERR_URI_TOO_LONG',
          message: 'A path parameter is too long',
          field: 'params',
        }
      : err.code === 'FST_ERR_BAD_URL'
        ? {
            statusCode: 400,
            code: 'KEFU_ERR_VALIDATION',
            message: 'The path is not a valid URL',
            field: 'params',
          }
        : toErrorBody(err);
  if (body.statusCode >= 500) request.log.error({ err }, 'request failed');
  void reply.status(body.statusCode).send(body);
}
