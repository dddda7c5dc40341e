/** One step forward: takes a draft of version N and returns it as version N + 1. Pure, never throws. */
export type DraftMigration = (draft: Record<string, unknown>) => Record<string, unknown>;
