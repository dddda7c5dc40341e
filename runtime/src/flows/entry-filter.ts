import type { EntryFilter } from '@kefu/schemas/api';

/** What an entry filter reads of an event. Absent facts: a filter needing them declines. */
export interface EntryFacts {
  channel?: string;
  /** The contact's tags; absent for an event without a contact (a ticket without one). */
  contactTags?: readonly string[];
  /** Whether the workspace's business hours are open now; asked only by a filter that needs it. */
  hoursOpen: () => Promise<boolean>;
}

/** Whether a live flow's entry filter lets this event start it (every set field must agree). */
export async function entryAccepts(
  filter: EntryFilter | null | undefined,
  facts: EntryFacts,
): Promise<boolean> {
  if (!filter) return true;
  const { channels, hours, contactTags } = filter;
  if (channels?.length && !(facts.channel !== undefined && channels.includes(facts.channel as never)))
    return false;
  if (contactTags?.length && !(facts.contactTags ?? []).some((t) => contactTags.includes(t))) return false;
  if (hours && (await facts.hoursOpen()) !== (hours === 'open')) return false;
  return true;
}
