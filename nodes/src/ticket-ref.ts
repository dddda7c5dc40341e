/** Which ticket a ticket node acts on: a template, by default the ticket the flow created. */
export const ticketRefSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 200,
  title: 'Ticket / 工单',
  description:
    '{{vars.ticketId}} for the ticket this flow created, {{ticket.id}} for the ticket that started it. / 本流程创建的工单用 {{vars.ticketId}}，触发流程的工单用 {{ticket.id}}。',
  default: '{{vars.ticketId}}',
} as const;
