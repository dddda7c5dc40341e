import mongoose from 'mongoose';
import { STALE_WRITE_MARK } from './stale-write-guard';

/**
 * Runs a driver write again when the embedded store refused it as computed from a stale read (see
 * stale-write-guard). A retry is the whole operation: FerretDB reads the document afresh, so a
 * conditional update that has lost its race now matches nothing, exactly as on MongoDB, and an
 * `$inc` counts once. On a real MongoDB the error never happens and nothing changes.
 *
 * Single-document writes are all-or-nothing and always safe to run again. An updateMany is applied
 * document by document, so one that failed half way is retried only when applying it twice changes
 * nothing ($set, $unset, $addToSet, $pull, $pullAll, $setOnInsert); bulkWrite is never retried.
 */
const SINGLE = ['updateOne', 'findOneAndUpdate', 'replaceOne', 'findOneAndReplace'] as const;
const IDEMPOTENT_OPERATORS = new Set(['$set', '$unset', '$addToSet', '$pull', '$pullAll', '$setOnInsert']);
const MAX_ATTEMPTS = 60;

export function isStaleWrite(err: unknown): boolean {
  return err instanceof Error && err.message.includes(STALE_WRITE_MARK);
}

export class StaleWriteRetriesExhausted extends Error {
  constructor(op: string, cause: unknown) {
    super(`${op}: the document kept changing under ${MAX_ATTEMPTS} attempts`, { cause });
    this.name = 'StaleWriteRetriesExhausted';
  }
}

let installed = false;

/** Patches the driver's Collection once per process; Mongoose calls the driver through it. */
export function installStaleWriteRetry(): void {
  if (installed) return;
  installed = true;
  const proto = mongoose.mongo.Collection.prototype as unknown as Record<
    string,
    (...args: unknown[]) => Promise<unknown>
  >;
  for (const name of SINGLE) wrap(proto, name, () => true);
  wrap(proto, 'updateMany', (args) => isIdempotentUpdate(args[1]));
}

function wrap(
  proto: Record<string, (...args: unknown[]) => Promise<unknown>>,
  name: string,
  retryable: (args: unknown[]) => boolean,
): void {
  const original = proto[name]!;
  proto[name] = async function (this: unknown, ...args: unknown[]) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await original.apply(this, args);
      } catch (err) {
        if (!isStaleWrite(err) || !retryable(args)) throw err;
        if (attempt >= MAX_ATTEMPTS) throw new StaleWriteRetriesExhausted(name, err);
        // Jitter so racing writers spread out instead of colliding again in step.
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(2 ** attempt, 50)));
      }
    }
  };
}

function isIdempotentUpdate(update: unknown): boolean {
  if (!update || typeof update !== 'object' || Array.isArray(update)) return false;
  return Object.keys(update).every((op) => IDEMPOTENT_OPERATORS.has(op));
}
