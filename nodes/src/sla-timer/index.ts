import type { FromSchema } from 'json-schema-to-ts';
import { defineNode } from '../define-node';
import { MAX_MINUTES } from '../common-schemas';
import { ticketRefSchema } from '../ticket-ref';
import type { TicketSnapshot } from '../run-context';

export const slaTimerSchema = {
  type: 'object',
  required: ['minutes'],
  additionalProperties: false,
  properties: {
    ticket: ticketRefSchema,
    target: {
      type: 'string',
      enum: ['first-response', 'resolution'],
      title: 'Measure / 考核目标',
      description: 'first-response: an agent answered; resolution: the ticket is solved. / 首次响应或解决。',
      default: 'resolution',
    },
    minutes: { type: 'integer', minimum: 1, maximum: MAX_MINUTES, title: 'Within (minutes) / 时限（分钟）' },
  },
} as const;
export type SlaTimerConfig = FromSchema<typeof slaTimerSchema>;

/** Waits until the SLA is due, then takes `met` or `breached` by the ticket's state at that moment. */
export const slaTimer = defineNode<SlaTimerConfig, 'met' | 'breached'>({
  kind: 'sla-timer',
  category: 'ticket',
  schema: slaTimerSchema,
  waits: true,
  editor: {
    label: { en: 'SLA timer', zh: 'SLA 计时' },
    description: {
      en: 'Checks the ticket when the SLA is due.',
      zh: 'SLA 到期时检查工单。',
    },
    icon: 'alarm-clock',
    ports: [
      { name: 'met', label: { en: 'met', zh: '达标' }, required: false },
      { name: 'breached', label: { en: 'breached', zh: '超时违约' }, required: true },
    ],
    fields: { ticket: 'template' },
  },
  run: async (ctx) => {
    const { config } = ctx;
    const ticketId = ctx.render(config.ticket ?? '{{vars.ticketId}}').trim();
    const dueAt = ctx.now() + config.minutes * 60_000;
    const target = config.target ?? 'resolution';
    const done = (t: TicketSnapshot) => (target === 'first-response' ? t.firstResponseAt : t.solvedAt) !== undefined;
    // Goes on as soon as the ticket meets the target (its run hears of every change), else when due.
    if (ticketId) await ctx.waitForTicket(ticketId, done, config.minutes * 60_000);
    else await ctx.sleep(config.minutes * 60_000);
    const ticket = ticketId ? await ctx.act.getTicket({ ticketId }) : null;
    if (!ticket) return { port: 'breached', decision: 'ticket not found' };
    const doneAt = config.target === 'first-response' ? ticket.firstResponseAt : ticket.solvedAt;
    const met = doneAt !== undefined && Date.parse(doneAt) <= dueAt;
    return { port: met ? 'met' : 'breached', decision: `${config.target ?? 'resolution'} ${met ? 'in time' : 'late'}` };
  },
});
