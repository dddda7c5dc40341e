import type { FromSchema } from 'json-schema-to-ts';
import { defineNode } from '../define-node';
import { channelList, tagList, ticketPriority } from '../common-schemas';
import { REQUIRED_NEXT_PORT } from '../ports';
import { acceptsChannel, hasAnyTag } from '../trigger-filters';

export const ticketCreatedSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    channels: channelList,
    priorities: {
      type: 'array',
      title: 'Priorities (empty: all) / 优先级（留空为全部）',
      uniqueItems: true,
      items: ticketPriority,
      default: [],
    },
    tags: { ...tagList, title: 'With any of these tags (empty: all) / 含任一标签（留空为全部）' },
  },
} as const;
export type TicketCreatedConfig = FromSchema<typeof ticketCreatedSchema>;

/** Starts a run when a ticket is created (by an agent, an email or a flow). */
export const ticketCreated = defineNode<TicketCreatedConfig, 'next'>({
  kind: 'ticket-created',
  category: 'trigger',
  schema: ticketCreatedSchema,
  waits: false,
  editor: {
    label: { en: 'Ticket created', zh: '工单创建' },
    description: { en: 'Runs when a new ticket is created.', zh: '新工单创建时运行。' },
    icon: 'ticket-plus',
    ports: [REQUIRED_NEXT_PORT],
    fields: { tags: 'tags' },
  },
  trigger: {
    event: 'ticket-created',
    matches: (config, facts) =>
      acceptsChannel(config.channels, facts.channel) &&
      hasAnyTag(config.priorities, facts.ticket?.priority ? [facts.ticket.priority] : []) &&
      hasAnyTag(config.tags, facts.ticket?.tags),
  },
  run: async () => ({ port: 'next' }),
});
