import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { AlertSettings, OperationsStatus } from '@kefu/schemas/api';
import { useLang } from '../flows/i18n';
import { ApiError } from '../shared/http';
import { AlertRulesSettings } from './alert-rules-settings';
import type { OperationsApi } from './operations-api';
import { OperationsPage } from './operations-page';

afterEach(cleanup);
beforeEach(() => useLang.getState().setLang('en'));

const status: OperationsStatus = {
  checks: { store: 'ok', temporal: 'ok', worker: 'no worker polled the task queue "q" in the last 90 s' },
  openConversations: 7,
  waiting: 2,
  longestWaitSeconds: 185,
  agentsOnline: 0,
  errorRate: { requests: 200, errors: 3, percent: 1.5 },
  alerts: [
    {
      rule: 'workerNotPolling',
      state: 'firing',
      since: '2026-12-07T10:00:00.000Z',
      detail: 'no worker polled the task queue',
    },
  ],
};
const settings: AlertSettings = {
  emailOwners: true,
  webhookUrl: null,
  rules: {
    noAgentOnline: { enabled: true, minWaiting: 1 },
    slaBreachRate: { enabled: false, maxPercent: 20 },
    csatDrop: { enabled: false, minAverage: 3.5 },
    errorRate: { enabled: false, maxPercent: 5 },
    workerNotPolling: { enabled: true },
  },
};

describe('operations page', () => {
  it('shows loading while the status is on its way, then servers, figures and alerts', async () => {
    let answer: (s: OperationsStatus) => void = () => {};
    const api = { status: () => new Promise<OperationsStatus>((r) => (answer = r)) } as OperationsApi;
    render(<OperationsPage api={api} />);
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    answer(status);
    expect((await screen.findByLabelText('Open conversations')).textContent).toBe('7');
    expect(screen.getByLabelText('Customers waiting').textContent).toBe('2');
    expect(screen.getByLabelText('Longest wait').textContent).toBe('3 min');
    expect(screen.getByLabelText('Agents online').textContent).toBe('0');
    expect(screen.getByLabelText('Error rate, last 15 min').textContent).toContain('1.5 %');
    expect(within(screen.getByLabelText('Worker')).getByText('Down')).toBeTruthy();
    expect(within(screen.getByLabelText('Database')).getByText('OK')).toBeTruthy();
    const alerts = screen.getByRole('list', { name: 'Recent alerts' });
    expect(within(alerts).getByText('Worker not polling')).toBeTruthy();
    expect(within(alerts).getByText('Firing')).toBeTruthy();
  });

  it('says when the status could not load, and retries', async () => {
    const status$ = vi.fn().mockRejectedValueOnce(new Error('down')).mockResolvedValue(status);
    render(<OperationsPage api={{ status: status$ } as unknown as OperationsApi} />);
    expect((await screen.findByRole('alert')).textContent).toContain('Could not load.');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect((await screen.findByLabelText('Open conversations')).textContent).toBe('7');
  });

  it('speaks Chinese', async () => {
    useLang.getState().setLang('zh');
    render(<OperationsPage api={{ status: async () => status } as unknown as OperationsApi} />);
    expect((await screen.findByLabelText('进行中的会话')).textContent).toBe('7');
    expect(screen.getByText('告警中')).toBeTruthy();
  });
});

describe('alert rules settings', () => {
  it('turns a rule on with its threshold and saves', async () => {
    const saveRules = vi.fn(async (s: AlertSettings) => s);
    render(
      <AlertRulesSettings api={{ rules: async () => settings, saveRules } as unknown as OperationsApi} />,
    );
    const csat = await screen.findByRole('group', { name: 'Satisfaction drop' });
    fireEvent.click(within(csat).getByLabelText('On'));
    fireEvent.change(within(csat).getByLabelText(/average rating/), { target: { value: '4' } });
    fireEvent.change(screen.getByLabelText('Webhook URL (optional)'), {
      target: { value: 'https://hooks.example.com/a' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save alert rules' }));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(saveRules).toHaveBeenCalledWith({
      ...settings,
      webhookUrl: 'https://hooks.example.com/a',
      rules: { ...settings.rules, csatDrop: { enabled: true, minAverage: 4 } },
    });
  });

  it("shows the API's refusal next to the rule it names", async () => {
    const saveRules = vi.fn(async () => {
      throw new ApiError(
        400,
        'KEFU_ERR_VALIDATION',
        'body/rules/csatDrop/minAverage must be <= 5',
        'body/rules/csatDrop/minAverage',
      );
    });
    render(
      <AlertRulesSettings api={{ rules: async () => settings, saveRules } as unknown as OperationsApi} />,
    );
    const csat = await screen.findByRole('group', { name: 'Satisfaction drop' });
    fireEvent.change(within(csat).getByLabelText(/average rating/), { target: { value: '9' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save alert rules' }));
    expect((await within(csat).findByRole('alert')).textContent).toBe('must be <= 5');
  });

  it('shows loading, then a failure with a retry', async () => {
    const rules = vi.fn().mockRejectedValueOnce(new Error('down')).mockResolvedValue(settings);
    render(<AlertRulesSettings api={{ rules } as unknown as OperationsApi} />);
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    expect((await screen.findByRole('alert')).textContent).toContain('Could not load.');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('group', { name: 'Worker not polling' })).toBeTruthy();
  });
});
