import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * One data migration of the store (runtime/src/store/migrations), claimed by the process that runs
 * it: the `_id` is the migration's id, so two processes starting at once cannot both claim it.
 * Not tenant data: a migration runs over every workspace.
 */
export const storeMigrationSchema = new Schema(
  {
    _id: { type: String, required: true },
    state: { type: String, enum: ['running', 'done'], required: true },
    /** Which process runs it; another takes over when the heartbeat stops. */
    owner: { type: String, required: true },
    heartbeatAt: { type: Date, required: true },
    doneAt: { type: Date },
    /** What the migration reported when it finished (e.g. documents changed). */
    result: { type: Schema.Types.Mixed },
  },
  { versionKey: false },
);

export type StoreMigrationDoc = InferSchemaType<typeof storeMigrationSchema>;
export const storeMigrationModel = (conn: Connection) =>
  conn.model('StoreMigration', storeMigrationSchema, 'storemigrations');
