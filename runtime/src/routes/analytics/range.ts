import { KPI_MAX_DAYS } from '@kefu/schemas/api';
import { KefuError } from '../../errors';
import { isDay, toTime } from '../../analytics/kpi-days';

/**
 * Refuses a range of workspace days that is not one: unreal days, reversed, or longer than `maxDays`
 * (every analytics route asks its range this one way, naming the field).
 */
export function checkDayRange(from: string, to: string, maxDays: number = KPI_MAX_DAYS): void {
  if (!isDay(from))
    throw new KefuError('KEFU_ERR_VALIDATION', 'querystring/from is not a calendar day', 'querystring/from');
  if (!isDay(to))
    throw new KefuError('KEFU_ERR_VALIDATION', 'querystring/to is not a calendar day', 'querystring/to');
  if (to < from)
    throw new KefuError(
      'KEFU_ERR_VALIDATION',
      'querystring/to must be on or after querystring/from',
      'querystring/to',
    );
  const days = (toTime(to) - toTime(from)) / 86_400_000 + 1;
  if (days > maxDays)
    throw new KefuError(
      'KEFU_ERR_VALIDATION',
      `The range is ${days} days; at most ${maxDays} days from querystring/from`,
      'querystring/to',
    );
}
