import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { BusinessHoursSpec } from '@kefu/schemas/api';
import { useLang } from '../flows/i18n';
import { ApiError } from '../shared/http';
import { BusinessHoursSettings } from './business-hours-settings';
import type { StaffApi } from './staff-api';

afterEach(cleanup);
beforeEach(() => useLang.getState().setLang('en'));

/** The business-hours part of the API in memory; refuses closing before opening as the API does. */
function fakeApi(start: BusinessHoursSpec, fail = false) {
  let stored = start;
  const saveHours = vi.fn(async (hours: BusinessHoursSpec) => {
    const bad = hours.schedule.findIndex((s) => s.close <= s.open);
    if (bad >= 0) throw new ApiError(400, 'KEFU_ERR_VALIDATION', 'Closing time must be after opening time', `body/schedule/${bad}/close`);
    stored = hours;
    return stored;
  });
  const api = {
    hours: async () => {
      if (fail) throw new Error('down');
      return stored;
    },
    saveHours,
  } as unknown as StaffApi;
  return { api, saveHours };
}

describe('business hours settings', () => {
  it('shows the week with closed days, adds hours and a holiday, changes the zone, and saves', async () => {
    const { api, saveHours } = fakeApi({
      timeZone: 'Asia/Shanghai',
      schedule: [{ day: 'mon', open: '09:00', close: '18:00' }],
      holidays: [],
    });
    render(<BusinessHoursSettings api={api} />);
    const monday = await screen.findByRole('row', { name: /Monday/ });
    expect((within(monday).getByLabelText('Monday opens') as HTMLInputElement).value).toBe('09:00');
    expect(within(screen.getByRole('row', { name: /Sunday/ })).getByText('Closed')).toBeTruthy();
    expect(screen.getByText('No holidays.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Add hours: Saturday' }));
    fireEvent.change(screen.getByLabelText('Saturday closes'), { target: { value: '14:00' } });
    fireEvent.change(screen.getByLabelText('Holiday date'), { target: { value: '2026-10-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add holiday' }));
    fireEvent.change(screen.getByLabelText('Time zone'), { target: { value: 'Europe/Berlin' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save hours' }));

    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(saveHours).toHaveBeenCalledWith({
      timeZone: 'Europe/Berlin',
      schedule: [
        { day: 'mon', open: '09:00', close: '18:00' },
        { day: 'sat', open: '09:00', close: '14:00' },
      ],
      holidays: ['2026-10-01'],
    });
    expect(within(screen.getByRole('list', { name: /Holidays/ })).getByText(/2026-10-01/)).toBeTruthy();
  });

  it("shows the API's refusal and keeps the edits", async () => {
    const { api } = fakeApi({ timeZone: 'UTC', schedule: [{ day: 'tue', open: '09:00', close: '18:00' }], holidays: [] });
    render(<BusinessHoursSettings api={api} />);
    fireEvent.change(await screen.findByLabelText('Tuesday closes'), { target: { value: '08:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save hours' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Tuesday closes before it opens.');
    expect((screen.getByLabelText('Tuesday closes') as HTMLInputElement).value).toBe('08:00');
  });

  it('removes hours and holidays', async () => {
    const { api, saveHours } = fakeApi({
      timeZone: 'UTC',
      schedule: [{ day: 'wed', open: '09:00', close: '18:00' }],
      holidays: ['2026-05-01'],
    });
    render(<BusinessHoursSettings api={api} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Remove Wednesday 09:00' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove 2026-05-01' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save hours' }));
    await waitFor(() => expect(saveHours).toHaveBeenCalledWith({ timeZone: 'UTC', schedule: [], holidays: [] }));
  });

  it('says when the hours could not load, and in Chinese', async () => {
    useLang.getState().setLang('zh');
    render(<BusinessHoursSettings api={fakeApi({ schedule: [] }, true).api} />);
    expect((await screen.findByRole('alert')).textContent).toContain('加载失败');
    expect(screen.getByRole('heading', { name: '营业时间' })).toBeTruthy();
  });
});
