import type { FromSchema } from 'json-schema-to-ts';
import { MESSAGE_TEXT_MAX } from '@kefu/schemas';
import { defineNode } from '../define-node';
import { MAX_MINUTES, VARIABLE_PATTERN, tagList, ticketPriority } from '../common-schemas';
import { NEXT_PORT } from '../ports';

export const createTicketSchema = {
  type: 'object',
  required: ['subject'],
  additionalProperties: false,
  properties: {
    subject: { type: 'string', minLength: 1, maxLength: 200, title: 'Subject / 标题' },
    description: {
      type: 'string',
      maxLength: MESSAGE_TEXT_MAX,
      title: 'Description / 描述',
      default: '',
    },
    priority: { ...ticketPriority, title: 'Priority / 优先级', default: 'normal' },
    tags: { ...tagList, title: 'Tags / 标签' },
    dueInMinutes: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_MINUTES,
      title: 'Due in (minutes, optional) / 期限（分钟，可选）',
    },
    teamId: { type: 'string', minLength: 1, maxLength: 64, title: 'Team (optional) / 团队（可选）' },
    assigneeId: {
      type: 'string',
      minLength: 1,
      maxLength: 64,
      title: 'Assign to agent (optional) / 指派给客服（可选）',
    },
    saveAs: {
      type: 'string',
      pattern: VARIABLE_PATTERN,
      maxLength: 64,
      title: "Save the ticket's id in variable / 工单 ID 保存到变量",
      default: 'ticketId',
    },
    numberAs: {
      type: 'string',
      pattern: VARIABLE_PATTERN,
      maxLength: 64,
      title: "Save the ticket's number (#1001) in variable / 工单编号（#1001）保存到变量",
      default: 'ticketNumber',
    },
  },
} as const;
export type CreateTicketConfig = FromSchema<typeof createTicketSchema>;

/** Opens a ticket for this conversation's contact. */
export const createTicket = defineNode<CreateTicketConfig, 'next'>({
  kind: 'create-ticket',
  category: 'ticket',
  schema: createTicketSchema,
  waits: false,
  editor: {
    label: { en: 'Create ticket', zh: '创建工单' },
    description: { en: 'Opens a ticket for follow-up.', zh: '创建工单以便跟进。' },
    icon: 'ticket',
    ports: [NEXT_PORT],
    fields: {
      subject: 'template',
      description: 'template',
      tags: 'tags',
      saveAs: 'variable',
      numberAs: 'variable',
      teamId: 'team',
      assigneeId: 'agent',
    },
  },
  references: (config) => [
    ...(config.teamId ? [{ field: '/teamId', kind: 'team' as const, id: config.teamId }] : []),
    ...(config.assigneeId ? [{ field: '/assigneeId', kind: 'agent' as const, id: config.assigneeId }] : []),
  ],
  defines: (config) => [config.saveAs ?? 'ticketId', config.numberAs ?? 'ticketNumber'],
  run: async (ctx) => {
    const { config } = ctx;
    const { ticketId, number } = await ctx.act.createTicket({
      subject: ctx.render(config.subject),
      description: ctx.render(config.description ?? ''),
      priority: config.priority ?? 'normal',
      tags: config.tags ?? [],
      ...(config.teamId ? { teamKey: config.teamId } : {}),
      ...(config.assigneeId ? { assigneeId: config.assigneeId } : {}),
      ...(config.dueInMinutes
        ? { dueAt: new Date(ctx.now() + config.dueInMinutes * 60_000).toISOString() }
        : {}),
    });
    ctx.vars[config.saveAs ?? 'ticketId'] = ticketId;
    // What the customer quotes back ("#1001"); the id stays for steps that change the ticket.
    if (number !== undefined) ctx.vars[config.numberAs ?? 'ticketNumber'] = `#${number}`;
    return { port: 'next', decision: number !== undefined ? `ticket #${number}` : `ticket ${ticketId}` };
  },
});
