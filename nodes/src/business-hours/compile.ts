import type { NodeProblem } from '../define-node';
import { isTimeZone } from '../clock';
import type { BusinessHoursConfig } from './schema';

export function checkBusinessHours(config: BusinessHoursConfig): NodeProblem[] {
  const problems: NodeProblem[] = [];
  const timeZone = config.timeZone;
  if (timeZone !== undefined && !isTimeZone(timeZone))
    problems.push({
      field: '/timeZone',
      message: { en: `Unknown time zone "${timeZone}"`, zh: `未知的时区 "${timeZone}"` },
    });
  (config.schedule ?? []).forEach((slot, i) => {
    if (slot.open >= slot.close)
      problems.push({
        field: `/schedule/${i}/close`,
        message: { en: 'Closing time must be after opening time', zh: '关门时间必须晚于开门时间' },
      });
  });
  (config.holidays ?? []).forEach((date, i) => {
    const parsed = new Date(`${date}T00:00:00Z`);
    if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date)
      problems.push({ field: `/holidays/${i}`, message: { en: `"${date}" is not a date`, zh: `"${date}" 不是有效日期` } });
  });
  return problems;
}
