import type { FlowDraft } from '@kefu/schemas';

/** ticket-created -> SLA timer (resolution in 8 h) -> tag the ticket met / breached. */
export const slaFlow: FlowDraft = {
  schemaVersion: 1,
  name: 'Resolution SLA',
  kind: 'custom',
  nodes: [
    { id: 'created', type: 'ticket-created', config: {}, position: { x: 0, y: 0 } },
    {
      id: 'sla',
      type: 'sla-timer',
      config: { ticket: '{{ticket.id}}', target: 'resolution', minutes: 480 },
      position: { x: 0, y: 100 },
    },
    {
      id: 'met',
      type: 'update-ticket',
      config: { ticket: '{{ticket.id}}', addTags: ['sla-met'] },
      position: { x: -100, y: 200 },
    },
    {
      id: 'late',
      type: 'update-ticket',
      config: { ticket: '{{ticket.id}}', addTags: ['sla-breached'] },
      position: { x: 100, y: 200 },
    },
    { id: 'end', type: 'end', config: {}, position: { x: 0, y: 300 } },
  ],
  edges: [
    { source: 'created', sourcePort: 'next', target: 'sla' },
    { source: 'sla', sourcePort: 'met', target: 'met' },
    { source: 'sla', sourcePort: 'breached', target: 'late' },
    { source: 'met', sourcePort: 'next', target: 'end' },
    { source: 'late', sourcePort: 'next', target: 'end' },
  ],
};
