import type { FromSchema } from 'json-schema-to-ts';
import { MESSAGE_TEXT_MAX } from '@kefu/schemas';
import { defineNode } from '../define-node';
import { ticketPriority } from '../common-schemas';
import { NEXT_PORT } from '../ports';

export const escalateSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    priority: { ...ticketPriority, title: 'Raise priority to / 提升优先级至', default: 'high' },
    teamId: { type: 'string', minLength: 1, maxLength: 64, title: 'Move to team (optional) / 转给团队（可选）' },
    notifySupervisor: { type: 'boolean', title: 'Notify a supervisor / 通知主管', default: true },
    note: {
      type: 'string',
      maxLength: MESSAGE_TEXT_MAX,
      title: 'Note for agents / 给客服的备注',
      default: '',
    },
  },
} as const;
export type EscalateConfig = FromSchema<typeof escalateSchema>;

/** Raises the conversation's priority, optionally moves it to another team, and notifies. */
export const escalate = defineNode<EscalateConfig, 'next'>({
  kind: 'escalate',
  category: 'human',
  schema: escalateSchema,
  waits: false,
  editor: {
    label: { en: 'Escalate', zh: '升级' },
    description: { en: 'Raises priority and notifies a supervisor.', zh: '提升优先级并通知主管。' },
    icon: 'siren',
    ports: [NEXT_PORT],
    fields: { teamId: 'team', note: 'template' },
  },
  references: (config) => (config.teamId ? [{ field: '/teamId', kind: 'team', id: config.teamId }] : []),
  compile: (config) =>
    config.priority === 'low'
      ? [{ field: '/priority', message: { en: 'Escalating to low priority lowers it', zh: '升级不能设为低优先级' } }]
      : [],
  run: async (ctx) => {
    const { config } = ctx;
    await ctx.act.escalate({
      priority: config.priority ?? 'high',
      ...(config.teamId ? { teamId: config.teamId } : {}),
      notifySupervisor: config.notifySupervisor ?? true,
      note: ctx.render(config.note ?? ''),
    });
    return { port: 'next' };
  },
});
