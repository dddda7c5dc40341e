/** How a ticket's number reads everywhere in the console ("#1001"); empty before it has one. */
export const ticketNumberText = (ticket: { number?: number }): string =>
  ticket.number === undefined ? '' : `#${ticket.number}`;
