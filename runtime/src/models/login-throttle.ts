import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * Failed sign-ins in a row for one email, whether or not an account has that email: counting only
 * accounts would lock known emails and never unknown ones, and the lock itself would tell which
 * emails have accounts. Not tenant data (sign-in comes before the workspace is known). The `_id` is
 * idForKey of the lower-cased email, so the store holds no guessed address in clear and every
 * lookup is by primary key.
 */
export const loginThrottleSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    failedLogins: { type: Number, required: true, default: 0 },
    lockedUntil: { type: Date },
    /** When the count lapses (an hour after the last failure, never before the lock ends). */
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);
// No TTL index: FerretDB 1.x cannot build one. The hourly session sweep removes lapsed counts.

export type LoginThrottleDoc = InferSchemaType<typeof loginThrottleSchema>;
export const loginThrottleModel = (conn: Connection) =>
  conn.model('LoginThrottle', loginThrottleSchema, 'loginthrottles');
