import { useState, type FormEvent } from 'react';
import type { BusinessHoursSpec } from '@kefu/schemas/api';
import { ApiError } from '../shared/http';
import { LoadState } from '../shared/load-state';
import { useLoad } from '../shared/use-load';
import { makeUseWords } from '../shared/use-words';
import './staff-settings.css';
import { staffApi, type StaffApi } from './staff-api';

type Day = BusinessHoursSpec['schedule'][number]['day'];
const DAYS: readonly Day[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const useWords = makeUseWords({
  title: { en: 'Business hours', zh: '营业时间' },
  intro: {
    en: 'Business-hours steps without hours of their own and SLA policies without hours of their own count these.',
    zh: '未设置自己营业时间的“营业时间”步骤和 SLA 策略会使用这里的时间。',
  },
  timeZone: { en: 'Time zone', zh: '时区' },
  week: { en: 'Weekly hours', zh: '每周营业时间' },
  mon: { en: 'Monday', zh: '星期一' },
  tue: { en: 'Tuesday', zh: '星期二' },
  wed: { en: 'Wednesday', zh: '星期三' },
  thu: { en: 'Thursday', zh: '星期四' },
  fri: { en: 'Friday', zh: '星期五' },
  sat: { en: 'Saturday', zh: '星期六' },
  sun: { en: 'Sunday', zh: '星期日' },
  closed: { en: 'Closed', zh: '休息' },
  opens: { en: 'opens', zh: '开门' },
  closes: { en: 'closes', zh: '关门' },
  addHours: { en: 'Add hours', zh: '添加时段' },
  remove: { en: 'Remove', zh: '删除' },
  holidays: { en: 'Holidays (closed all day)', zh: '休息日（全天休息）' },
  holidayDate: { en: 'Holiday date', zh: '休息日日期' },
  addHoliday: { en: 'Add holiday', zh: '添加休息日' },
  noHolidays: { en: 'No holidays.', zh: '没有休息日。' },
  save: { en: 'Save hours', zh: '保存营业时间' },
  saved: { en: 'Saved.', zh: '已保存。' },
  loading: { en: 'Loading…', zh: '加载中…' },
  failed: { en: 'Could not load.', zh: '加载失败。' },
  retry: { en: 'Retry', zh: '重试' },
  saveFailed: { en: 'Not saved:', zh: '未保存：' },
  badZone: { en: 'unknown time zone.', zh: '未知的时区。' },
  closeBeforeOpen: { en: 'closes before it opens.', zh: '关门时间早于开门时间。' },
  badHoliday: { en: 'is not a date.', zh: '不是有效日期。' },
});

/** The API's refusal in the page's language, naming the day or date its field points at. */
function refusal(
  err: unknown,
  hours: BusinessHoursSpec,
  t: (key: Parameters<ReturnType<typeof useWords>['t']>[0]) => string,
): string {
  if (!(err instanceof ApiError)) return String(err);
  const slot = /^body\/schedule\/(\d+)\//.exec(err.field ?? '');
  const day = slot ? hours.schedule[Number(slot[1])]?.day : undefined;
  if (day && err.field?.endsWith('/close')) return `${t(day)} ${t('closeBeforeOpen')}`;
  const holiday = /^body\/holidays\/(\d+)$/.exec(err.field ?? '');
  if (holiday) return `${hours.holidays?.[Number(holiday[1])] ?? ''} ${t('badHoliday')}`;
  if (err.field === 'body/timeZone') return `${hours.timeZone ?? ''}: ${t('badZone')}`;
  return err.message;
}

const ZONES: readonly string[] =
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['Asia/Shanghai'];

/** Settings: the workspace's weekly hours, time zone and holidays (PUT /workspace/business-hours). */
export function BusinessHoursSettings({ api = staffApi }: { api?: StaffApi }) {
  const { t } = useWords();
  const loaded = useLoad(() => api.hours(), 'hours');
  return (
    <section className="settings-page" aria-labelledby="business-hours-title">
      <h1 id="business-hours-title">{t('title')}</h1>
      <p>{t('intro')}</p>
      <LoadState loaded={loaded} words={{ loading: t('loading'), failed: t('failed'), retry: t('retry') }}>
        {(hours) => <HoursForm initial={hours} api={api} />}
      </LoadState>
    </section>
  );
}

function HoursForm({ initial, api }: { initial: BusinessHoursSpec; api: StaffApi }) {
  const { t } = useWords();
  const [hours, setHours] = useState(initial);
  const [holiday, setHoliday] = useState('');
  const [status, setStatus] = useState<{ kind: 'saved' } | { kind: 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const zone = hours.timeZone ?? 'UTC';
  const zones = ZONES.includes(zone) ? ZONES : [zone, ...ZONES];

  const edit = (change: Partial<BusinessHoursSpec>) => {
    setStatus(null);
    setHours((h) => ({ ...h, ...change }));
  };
  const setSlot = (index: number, change: Partial<{ open: string; close: string }>) =>
    edit({ schedule: hours.schedule.map((s, i) => (i === index ? { ...s, ...change } : s)) });
  const addSlot = (day: Day) => edit({ schedule: [...hours.schedule, { day, open: '09:00', close: '18:00' }] });
  const removeSlot = (index: number) => edit({ schedule: hours.schedule.filter((_, i) => i !== index) });
  const holidays = hours.holidays ?? [];
  const addHoliday = () => {
    if (!holiday || holidays.includes(holiday)) return;
    edit({ holidays: [...holidays, holiday].sort() });
    setHoliday('');
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    try {
      setHours(await api.saveHours(hours));
      setStatus({ kind: 'saved' });
    } catch (err) {
      setStatus({ kind: 'error', text: refusal(err, hours, t) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={(e) => void save(e)} className="hours-form">
      <label className="settings-field">
        {t('timeZone')}
        <select value={zone} onChange={(e) => edit({ timeZone: e.target.value })}>
          {zones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      </label>

      <h2>{t('week')}</h2>
      <table className="hours-grid">
        <tbody>
          {DAYS.map((day) => {
            const slots = hours.schedule.map((s, index) => ({ ...s, index })).filter((s) => s.day === day);
            return (
              <tr key={day}>
                <th scope="row">{t(day)}</th>
                <td>
                  {slots.length === 0 && <span className="muted">{t('closed')}</span>}
                  {slots.map((s) => (
                    <span key={s.index} className="hours-slot">
                      <input
                        type="time"
                        aria-label={`${t(day)} ${t('opens')}`}
                        value={s.open}
                        onChange={(e) => setSlot(s.index, { open: e.target.value })}
                      />
                      –
                      <input
                        type="time"
                        aria-label={`${t(day)} ${t('closes')}`}
                        value={s.close}
                        onChange={(e) => setSlot(s.index, { close: e.target.value })}
                      />
                      <button type="button" aria-label={`${t('remove')} ${t(day)} ${s.open}`} onClick={() => removeSlot(s.index)}>
                        {t('remove')}
                      </button>
                    </span>
                  ))}
                </td>
                <td>
                  <button type="button" aria-label={`${t('addHours')}: ${t(day)}`} onClick={() => addSlot(day)}>
                    {t('addHours')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <h2>{t('holidays')}</h2>
      <div className="settings-actions">
        <input
          type="date"
          aria-label={t('holidayDate')}
          value={holiday}
          onChange={(e) => setHoliday(e.target.value)}
        />
        <button type="button" onClick={addHoliday} disabled={!holiday}>
          {t('addHoliday')}
        </button>
      </div>
      {holidays.length === 0 ? (
        <p className="muted">{t('noHolidays')}</p>
      ) : (
        <ul aria-label={t('holidays')}>
          {holidays.map((d) => (
            <li key={d}>
              {d}{' '}
              <button
                type="button"
                aria-label={`${t('remove')} ${d}`}
                onClick={() => edit({ holidays: holidays.filter((h) => h !== d) })}
              >
                {t('remove')}
              </button>
            </li>
          ))}
        </ul>
      )}

      <div className="settings-actions">
        <button type="submit" disabled={saving}>
          {t('save')}
        </button>
        {status?.kind === 'saved' && <span role="status">{t('saved')}</span>}
        {status?.kind === 'error' && (
          <span role="alert" className="error">
            {t('saveFailed')} {status.text}
          </span>
        )}
      </div>
    </form>
  );
}
