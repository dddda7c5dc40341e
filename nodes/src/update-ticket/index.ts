import type { FromSchema } from 'json-schema-to-ts';
import { MESSAGE_TEXT_MAX } from '@kefu/schemas';
import { defineNode } from '../define-node';
import { tagList, ticketPriority, ticketStatus } from '../common-schemas';
import { NEXT_PORT } from '../ports';
import { ticketRefSchema } from '../ticket-ref';

export const updateTicketSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ticket: ticketRefSchema,
    status: { ...ticketStatus, title: 'Set status / 设置状态' },
    priority: { ...ticketPriority, title: 'Set priority / 设置优先级' },
    addTags: { ...tagList, title: 'Add tags / 添加标签' },
    note: { type: 'string', maxLength: MESSAGE_TEXT_MAX, title: 'Add an internal note / 添加内部备注' },
  },
} as const;
export type UpdateTicketConfig = FromSchema<typeof updateTicketSchema>;

/** Changes a ticket's status, priority or tags, or adds a note. */
export const updateTicket = defineNode<UpdateTicketConfig, 'next'>({
  kind: 'update-ticket',
  category: 'ticket',
  schema: updateTicketSchema,
  waits: false,
  editor: {
    label: { en: 'Update ticket', zh: '更新工单' },
    description: { en: 'Changes a ticket.', zh: '修改工单。' },
    icon: 'ticket-check',
    ports: [NEXT_PORT],
    fields: { ticket: 'template', addTags: 'tags', note: 'template' },
  },
  compile: (config) =>
    !config.status && !config.priority && (config.addTags ?? []).length === 0 && !config.note
      ? [{ field: '/status', message: { en: 'Choose at least one change', zh: '请至少选择一项修改' } }]
      : [],
  run: async (ctx) => {
    const { config } = ctx;
    const ticketId = ctx.render(config.ticket ?? '{{vars.ticketId}}').trim();
    if (!ticketId) return { port: 'next', decision: 'no ticket to update' };
    const { updated } = await ctx.act.updateTicket({
      ticketId,
      ...(config.status ? { status: config.status } : {}),
      ...(config.priority ? { priority: config.priority } : {}),
      ...((config.addTags ?? []).length ? { addTags: config.addTags } : {}),
      ...(config.note ? { note: ctx.render(config.note) } : {}),
    });
    return { port: 'next', decision: updated ? `ticket ${ticketId} updated` : `ticket ${ticketId} not found` };
  },
});
