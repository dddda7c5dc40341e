import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { ScoreSettings } from '@kefu/schemas/api';
import { useLang } from '../../flows/i18n';
import { fakeScoreApi } from './score-fake-api';
import { ScoreSettingsEditor } from './score-settings';

afterEach(cleanup);
beforeEach(() => useLang.getState().setLang('en'));

describe('score weights and targets', () => {
  it('shows loading while slow, then owners edit and save; shares are edited in percent', async () => {
    const { api, stored } = fakeScoreApi();
    let answer!: (s: ScoreSettings) => void;
    api.settings.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    render(<ScoreSettingsEditor canEdit api={api} />);
    expect(screen.getByRole('status').textContent).toBe('Loading the weights…');
    answer(stored());
    const form = await screen.findByRole('form', { name: 'Weights and targets' });
    expect((within(form).getByLabelText('Target: Resolution rate') as HTMLInputElement).value).toBe('85');
    fireEvent.change(within(form).getByLabelText('Weight (%): CSAT average'), { target: { value: '50' } });
    expect(screen.getByTestId('weight-sum').textContent).toBe('110');
    fireEvent.change(within(form).getByLabelText('Weight (%): Resolution rate'), { target: { value: '20' } });
    fireEvent.change(within(form).getByLabelText('Target: Resolution rate'), { target: { value: '90' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save weights' }));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(api.saveSettings).toHaveBeenCalledWith({
      kpis: [
        { kpi: 'csatAverage', weight: 50, target: 4.5 },
        { kpi: 'firstResponseMedian', weight: 30, target: 60 },
        { kpi: 'resolutionRate', weight: 20, target: 0.9 },
      ],
    });
  });

  it('refuses weights that do not sum to 100 and a target out of range, before asking the API', async () => {
    const { api } = fakeScoreApi();
    render(<ScoreSettingsEditor canEdit api={api} />);
    const form = await screen.findByRole('form', { name: 'Weights and targets' });
    fireEvent.click(within(form).getByRole('button', { name: 'Add a KPI' }));
    // The added KPI takes what is left of 100, at least 1: the sum is now 101.
    expect(screen.getByTestId('weight-sum').textContent).toBe('101');
    fireEvent.click(within(form).getByRole('button', { name: 'Save weights' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'The weights must sum to 100; they sum to 101.',
    );
    fireEvent.change(within(form).getByLabelText('Weight (%): CSAT average'), { target: { value: '39' } });
    fireEvent.change(within(form).getByLabelText('Target: CSAT average'), { target: { value: '7' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save weights' }));
    expect(await screen.findByText('The target must be from 1 to 5 of 5')).toBeTruthy();
    expect(api.saveSettings).not.toHaveBeenCalled();
  });

  it('shows the API refusing a field next to it', async () => {
    const { api } = fakeScoreApi();
    const { ApiError } = await import('../../shared/http');
    api.saveSettings.mockRejectedValueOnce(
      new ApiError(400, 'KEFU_ERR_VALIDATION', 'The target is out of range', 'body/kpis/1/target'),
    );
    render(<ScoreSettingsEditor canEdit api={api} />);
    const form = await screen.findByRole('form', { name: 'Weights and targets' });
    fireEvent.click(within(form).getByRole('button', { name: 'Save weights' }));
    expect(await screen.findByText('The target is out of range')).toBeTruthy();
    expect(within(form).getByLabelText('Target: First response (median)').getAttribute('aria-invalid')).toBe(
      'true',
    );
  });

  it('is read-only for analysts, and a failed load offers a retry', async () => {
    const { api } = fakeScoreApi();
    api.settings.mockRejectedValueOnce(new Error('down'));
    render(<ScoreSettingsEditor canEdit={false} api={api} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the weights.');
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    const row = await screen.findByRole('row', { name: /Resolution rate/ });
    expect(row.textContent).toContain('at least 85\u00a0%');
    expect(screen.getByText('Only owners change these.')).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save weights' })).toBeNull();
  });
});
