import type { FromSchema } from 'json-schema-to-ts';
import { defineNode } from '../define-node';
import { MAX_MINUTES } from '../common-schemas';
import { ticketRefSchema } from '../ticket-ref';
import type { TicketSnapshot } from '../run-context';
import { DEFAULT_TIME_ZONE, hoursToUse } from '../business-hours';
import { DEFAULT_WEEKLY_HOURS, addBusinessMinutes } from '../business-hours/business-time';

/**
 * When `minutes` of the shop's open time have passed after `now`: its business-hours settings
 * (facts.workspace), else Mon–Fri 09:00–18:00, in its time zone. A schedule that never opens
 * counts calendar minutes rather than never falling due. Pure, so workflow code may decide with it.
 */
function businessDue(workspace: unknown, now: number, minutes: number): number {
  const w = workspace as { timeZone?: unknown } | undefined;
  const zone = typeof w?.timeZone === 'string' ? w.timeZone : DEFAULT_TIME_ZONE;
  const own = hoursToUse({ schedule: [], holidays: [] }, workspace);
  const hours = (own.schedule ?? []).length > 0 ? own : DEFAULT_WEEKLY_HOURS;
  return addBusinessMinutes(now, minutes, hours, zone) ?? now + minutes * 60_000;
}

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
    clock: {
      type: 'string',
      enum: ['calendar', 'business-hours'],
      title: 'Count / 计时方式',
      description:
        'calendar: every minute; business-hours: only while the shop is open (its business-hours settings, else Mon–Fri 09:00–18:00), so a ticket opened on Friday evening is not late on Monday morning. / calendar：按自然时间；business-hours：只在营业时间内计时（店铺的营业时间设置，未设置则周一至周五 09:00–18:00）。',
      default: 'calendar',
    },
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
    const now = ctx.now();
    const dueAt =
      config.clock === 'business-hours'
        ? businessDue(ctx.facts.workspace, now, config.minutes)
        : now + config.minutes * 60_000;
    const target = config.target ?? 'resolution';
    const done = (t: TicketSnapshot) =>
      (target === 'first-response' ? t.firstResponseAt : t.solvedAt) !== undefined;
    // Goes on as soon as the ticket meets the target (its run hears of every change), else when due.
    if (ticketId) await ctx.waitForTicket(ticketId, done, dueAt - now);
    else await ctx.sleep(dueAt - now);
    const ticket = ticketId ? await ctx.act.getTicket({ ticketId }) : null;
    if (!ticket) return { port: 'breached', decision: 'ticket not found' };
    const doneAt = config.target === 'first-response' ? ticket.firstResponseAt : ticket.solvedAt;
    const met = doneAt !== undefined && Date.parse(doneAt) <= dueAt;
    return {
      port: met ? 'met' : 'breached',
      decision: `${config.target ?? 'resolution'} ${met ? 'in time' : 'late'}`,
    };
  },
});
