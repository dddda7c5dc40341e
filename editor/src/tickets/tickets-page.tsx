export function TicketsPage(_: { selectedId?: string }) { return null; }
