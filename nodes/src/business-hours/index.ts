import { defineNode } from '../define-node';
import { localTime } from '../clock';
import { checkBusinessHours } from './compile';
import { businessHoursSchema, type BusinessHoursConfig } from './schema';

/** Is the shop open now, by its weekly schedule and holidays in its time zone. */
export const businessHours = defineNode<BusinessHoursConfig, 'open' | 'closed'>({
  kind: 'business-hours',
  category: 'logic',
  schema: businessHoursSchema,
  waits: false,
  editor: {
    label: { en: 'Business hours', zh: '营业时间' },
    description: { en: 'Branches on whether the shop is open now.', zh: '按当前是否营业分支。' },
    icon: 'clock',
    ports: [
      { name: 'open', label: { en: 'open', zh: '营业中' }, required: true },
      { name: 'closed', label: { en: 'closed', zh: '休息中' }, required: true },
    ],
    fields: { timeZone: 'time-zone' },
  },
  compile: checkBusinessHours,
  run: async (ctx) => {
    const workspace = ctx.facts.workspace as { timeZone?: unknown; schedule?: unknown } | undefined;
    const fallback = typeof workspace?.timeZone === 'string' ? workspace.timeZone : DEFAULT_TIME_ZONE;
    const open = isOpen(hoursToUse(ctx.config, workspace), ctx.now(), fallback);
    return { port: open ? 'open' : 'closed', decision: open ? 'within opening hours' : 'outside opening hours' };
  },
});

/** Used when neither the node nor the workspace names a time zone. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Whether the schedule is open at `epochMs`, in the node's time zone or else `fallbackZone`. */
export function isOpen(config: BusinessHoursConfig, epochMs: number, fallbackZone = DEFAULT_TIME_ZONE): boolean {
  const local = localTime(epochMs, config.timeZone ?? fallbackZone) ?? localTime(epochMs, DEFAULT_TIME_ZONE);
  if (!local || (config.holidays ?? []).includes(local.date)) return false;
  const hhmm = `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
  return (config.schedule ?? []).some((s) => s.day === local.weekday && s.open <= hhmm && hhmm < s.close);
}

/**
 * A step with an empty schedule follows the workspace's hours (facts.workspace, set by the API from
 * the owners' business-hours settings), holidays included; one with its own schedule keeps it.
 */
export function hoursToUse(config: BusinessHoursConfig, workspace: unknown): BusinessHoursConfig {
  if ((config.schedule ?? []).length > 0) return config;
  const w = workspace as Partial<BusinessHoursConfig> | undefined;
  if (!Array.isArray(w?.schedule) || w.schedule.length === 0) return config;
  return {
    ...(config.timeZone ? { timeZone: config.timeZone } : {}),
    schedule: w.schedule,
    holidays: Array.isArray(w.holidays) ? w.holidays : [],
  };
}
