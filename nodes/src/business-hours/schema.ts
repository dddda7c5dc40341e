import type { FromSchema } from 'json-schema-to-ts';
import { WEEKDAYS } from '../clock';

const clockTime = { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' } as const;

export const businessHoursSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    timeZone: {
      type: 'string',
      minLength: 1,
      maxLength: 64,
      title: 'Time zone / 时区',
      description:
        "An IANA zone such as Asia/Shanghai; empty: the workspace's time zone. / IANA 时区，如 Asia/Shanghai；留空则使用工作区时区。",
    },
    schedule: {
      type: 'array',
      title: 'Opening hours / 营业时间',
      description:
        "Empty: the workspace's business hours and holidays (console settings). / 留空则使用工作区的营业时间和休息日（控制台设置）。",
      maxItems: 21,
      items: {
        type: 'object',
        required: ['day', 'open', 'close'],
        additionalProperties: false,
        properties: {
          day: { type: 'string', enum: WEEKDAYS, title: 'Day / 星期' },
          open: { ...clockTime, title: 'Opens (HH:MM) / 开门' },
          close: { ...clockTime, title: 'Closes (HH:MM) / 关门' },
        },
      },
      default: [
        { day: 'mon', open: '09:00', close: '18:00' },
        { day: 'tue', open: '09:00', close: '18:00' },
        { day: 'wed', open: '09:00', close: '18:00' },
        { day: 'thu', open: '09:00', close: '18:00' },
        { day: 'fri', open: '09:00', close: '18:00' },
      ],
    },
    holidays: {
      type: 'array',
      title: 'Closed on these dates (YYYY-MM-DD) / 休息日（YYYY-MM-DD）',
      maxItems: 366,
      uniqueItems: true,
      items: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
      default: [],
    },
  },
} as const;
export type BusinessHoursConfig = FromSchema<typeof businessHoursSchema>;
