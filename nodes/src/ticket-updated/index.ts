import type { FromSchema } from 'json-schema-to-ts';
import { defineNode } from '../define-node';
import { ticketStatus } from '../common-schemas';
import { REQUIRED_NEXT_PORT } from '../ports';
import { hasAnyTag } from '../trigger-filters';

export const ticketUpdatedSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    fields: {
      type: 'array',
      title: 'When one of these changes (empty: any) / 以下字段变化时（留空为任意）',
      uniqueItems: true,
      items: { type: 'string', enum: ['status', 'priority', 'assignee', 'tags'] },
      default: [],
    },
    toStatus: { ...ticketStatus, title: 'Only when the status becomes / 仅当状态变为' },
  },
} as const;
export type TicketUpdatedConfig = FromSchema<typeof ticketUpdatedSchema>;

/** Starts a run when a ticket changes, e.g. when it is resolved (for a satisfaction survey). */
export const ticketUpdated = defineNode<TicketUpdatedConfig, 'next'>({
  kind: 'ticket-updated',
  category: 'trigger',
  schema: ticketUpdatedSchema,
  waits: false,
  editor: {
    label: { en: 'Ticket updated', zh: '工单更新' },
    description: { en: 'Runs when a ticket changes.', zh: '工单变化时运行。' },
    icon: 'ticket-check',
    ports: [REQUIRED_NEXT_PORT],
  },
  trigger: {
    event: 'ticket-updated',
    matches: (config, facts) =>
      hasAnyTag(config.fields, facts.changed) &&
      (config.toStatus === undefined ||
        ((facts.changed ?? []).includes('status') && facts.ticket?.status === config.toStatus)),
  },
  compile: (config) =>
    config.toStatus !== undefined && (config.fields ?? []).length > 0 && !(config.fields ?? []).includes('status')
      ? [
          {
            field: '/toStatus',
            message: {
              en: 'A status filter needs "status" among the watched fields',
              zh: '按状态过滤时，监视字段必须包含“status”',
            },
          },
        ]
      : [],
  run: async () => ({ port: 'next' }),
});
