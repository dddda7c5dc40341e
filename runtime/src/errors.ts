import type { ErrorBody } from '@kefu/schemas';

/** The one catalogue of errors clients can see: a stable code and its status. */
export const ERRORS = {
  KEFU_ERR_VALIDATION: 400,
  KEFU_ERR_BAD_JSON: 400,
  KEFU_ERR_UNKNOWN_FRAME: 400,
  KEFU_ERR_FRAME_TOO_LARGE: 413,
  KEFU_ERR_NO_SESSION: 409,
  KEFU_ERR_UNAUTHORIZED: 401,
  KEFU_ERR_BAD_CREDENTIALS: 401,
  KEFU_ERR_FORBIDDEN: 403,
  KEFU_ERR_ORIGIN_REFUSED: 403,
  KEFU_ERR_CONFLICT: 409,
  KEFU_ERR_FLOW_INVALID: 422,
  KEFU_ERR_SENSITIVE: 422,
  /** A Temporal payload the codec cannot decrypt: an unknown key id, or altered (routes/temporal-codec). */
  KEFU_ERR_UNDECRYPTABLE: 422,
  KEFU_ERR_LAST_OWNER: 409,
  KEFU_ERR_INVITE_INVALID: 400,
  KEFU_ERR_INVITE_EXPIRED: 410,
  KEFU_ERR_INVITE_USED: 410,
  KEFU_ERR_UNSUPPORTED_MEDIA_TYPE: 415,
  KEFU_ERR_UPGRADE_REQUIRED: 426,
  KEFU_ERR_LOGIN_LOCKED: 429,
  KEFU_ERR_NOT_FOUND: 404,
  KEFU_ERR_WORKSPACE_NOT_FOUND: 404,
  KEFU_ERR_PAYLOAD_TOO_LARGE: 413,
  KEFU_ERR_URI_TOO_LONG: 414,
  KEFU_ERR_RATE_LIMITED: 429,
  KEFU_ERR_UNAVAILABLE: 503,
  KEFU_ERR_INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class KefuError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.statusCode = ERRORS[code];
  }

  toBody(): ErrorBody {
    return {
      statusCode: this.statusCode,
      code: this.code,
      message: this.message,
      ...(this.field !== undefined ? { field: this.field } : {}),
    };
  }
}
