/** Shared trigger filters: an empty list accepts everything. */
export function acceptsChannel(channels: readonly string[] | undefined, channel: string | undefined): boolean {
  return !channels || channels.length === 0 || (channel !== undefined && channels.includes(channel));
}

export function hasAnyTag(wanted: readonly string[] | undefined, tags: readonly string[] | undefined): boolean {
  return !wanted || wanted.length === 0 || (tags ?? []).some((t) => wanted.includes(t));
}
