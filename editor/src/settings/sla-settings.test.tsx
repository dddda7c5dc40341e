import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { SlaPolicyWire } from '@kefu/schemas/api';
import { useLang } from '../flows/i18n';
import { fakeDeskApi } from './desk-fake-api';
import { SlaSettings } from './sla-settings';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});
beforeEach(() => useLang.getState().setLang('en'));

describe('SLA policies settings', () => {
  it('shows loading while the list is slow, then the empty state', async () => {
    const { api } = fakeDeskApi();
    let answer!: (items: SlaPolicyWire[]) => void;
    api.slaPolicies.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    render(<SlaSettings api={api} />);
    expect(screen.getByRole('status').textContent).toBe('Loading SLA policies…');
    answer([]);
    expect(await screen.findByText(/No SLA policies yet/)).toBeTruthy();
  });

  it('shows a failed list as an error with a retry', async () => {
    const { api } = fakeDeskApi();
    api.slaPolicies.mockRejectedValueOnce(new Error('down'));
    render(<SlaSettings api={api} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the SLA policies.');
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText(/No SLA policies yet/)).toBeTruthy();
  });

  it('creates a policy with targets per priority in business hours, makes another the default, deletes after confirming', async () => {
    const { api } = fakeDeskApi();
    render(<SlaSettings api={api} />);
    await screen.findByText(/No SLA policies yet/);
    fireEvent.click(screen.getByRole('button', { name: 'New SLA policy' }));
    let form = screen.getByRole('form', { name: 'New SLA policy' });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Standard' } });
    fireEvent.click(within(form).getByLabelText('Has targets: Low'));
    fireEvent.change(within(form).getByLabelText('First response (minutes): Urgent'), {
      target: { value: '30' },
    });
    fireEvent.click(within(form).getByLabelText('Count business hours only'));
    fireEvent.click(within(form).getByLabelText('Default for new tickets'));
    fireEvent.click(within(form).getByRole('button', { name: 'Save policy' }));
    const row = await screen.findByRole('row', { name: 'Standard' });
    expect(api.createSla).toHaveBeenCalledWith({
      name: 'Standard',
      targets: {
        normal: { firstResponseMinutes: 240, resolutionMinutes: 4320 },
        high: { firstResponseMinutes: 60, resolutionMinutes: 1440 },
        urgent: { firstResponseMinutes: 30, resolutionMinutes: 240 },
      },
      businessHoursOnly: true,
      isDefault: true,
    });
    expect(row.textContent).toContain('Default');
    expect(row.textContent).toContain('no target');
    expect(row.textContent).toContain('30\u00a0min / 4\u00a0h');
    expect(row.textContent).toContain('Business hours (default hours)');

    fireEvent.click(screen.getByRole('button', { name: 'New SLA policy' }));
    form = screen.getByRole('form', { name: 'New SLA policy' });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'VIP' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save policy' }));
    await screen.findByRole('row', { name: 'VIP' });
    fireEvent.click(screen.getByRole('button', { name: 'Make default: VIP' }));
    await vi.waitFor(() =>
      expect(screen.getByRole('row', { name: 'Standard' }).textContent).not.toContain('Default'),
    );
    expect(screen.getByRole('row', { name: 'VIP' }).textContent).toContain('Default');

    vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);
    fireEvent.click(screen.getByRole('button', { name: 'Delete: Standard' }));
    expect(api.deleteSla).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Delete: Standard' }));
    await vi.waitFor(() => expect(screen.queryByRole('row', { name: 'Standard' })).toBeNull());
  });

  it('says next to the targets that one priority needs them, and edits keep what the form does not show', async () => {
    const { api } = fakeDeskApi();
    await api.createSla({
      name: 'Own hours',
      targets: { high: { firstResponseMinutes: 60, resolutionMinutes: 480 } },
      businessHoursOnly: true,
      businessHours: { schedule: [{ day: 'sat', open: '10:00', close: '16:00' }], timeZone: 'Asia/Shanghai' },
    });
    useLang.getState().setLang('zh');
    render(<SlaSettings api={api} />);
    const row = await screen.findByRole('row', { name: 'Own hours' });
    expect(row.textContent).toContain('营业时间 (周六 10:00–16:00, Asia/Shanghai)');
    fireEvent.click(within(row).getByRole('button', { name: '编辑: Own hours' }));
    const form = screen.getByRole('form', { name: '编辑 SLA 策略' });
    fireEvent.click(within(form).getByLabelText('设定时限: 高'));
    fireEvent.click(within(form).getByRole('button', { name: '保存策略' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('至少为一个优先级设定时限。');
    expect(api.updateSla).toHaveBeenCalledWith('s1', {
      name: 'Own hours',
      targets: {},
      businessHoursOnly: true,
    });
  });
});
