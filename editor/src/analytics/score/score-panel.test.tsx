import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { ScoreReport } from '@kefu/schemas/api';
import { useLang } from '../../flows/i18n';
import { fakeScoreApi, sampleScore } from './score-fake-api';
import { ScorePanel } from './score-panel';

afterEach(cleanup);
beforeEach(() => useLang.getState().setLang('en'));

const range = { from: '2026-11-02', to: '2026-11-29' };

describe('ScorePanel', () => {
  it('shows loading while the score is slow, then the score, its change and what pulls it down', async () => {
    const { api } = fakeScoreApi();
    let answer!: (r: ScoreReport) => void;
    api.score.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    render(<ScorePanel range={range} groupBy="week" api={api} />);
    expect(screen.getByRole('status').textContent).toBe('Loading the score…');
    answer(sampleScore());
    expect((await screen.findByTestId('score')).textContent).toBe('72.5');
    const panel = screen.getByRole('region', { name: 'Service score' });
    expect(panel.textContent).toContain('−7.5 vs the period before');
    expect(panel.textContent).toContain('Pulls it down most');
    expect(panel.textContent).toMatch(/CSAT average 2\.75 \/ 4\.50 · −20 points lost/);
    const row = within(panel).getByRole('row', { name: /First response \(median\)/ });
    expect(row.textContent).toContain('60\u00a0s');
    expect(api.score).toHaveBeenCalledWith({ ...range, groupBy: 'week' });
  });

  it('says so when the range has no data, rather than showing 0', async () => {
    const { api } = fakeScoreApi();
    const empty = sampleScore();
    api.score.mockResolvedValueOnce({
      ...empty,
      current: { ...empty.current, score: null, coverage: 0, worst: null },
      change: null,
    });
    render(<ScorePanel range={range} groupBy="day" api={api} />);
    expect((await screen.findByTestId('score')).textContent).toBe('—');
    expect(screen.getByText('No data in this range')).toBeTruthy();
  });

  it('shows a failed load as an error with a retry', async () => {
    const { api } = fakeScoreApi();
    api.score.mockRejectedValueOnce(new Error('down'));
    render(<ScorePanel range={range} groupBy="week" api={api} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the score.');
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect((await screen.findByTestId('score')).textContent).toBe('72.5');
  });

  it('speaks Chinese', async () => {
    useLang.getState().setLang('zh');
    const { api } = fakeScoreApi();
    render(<ScorePanel range={range} groupBy="week" api={api} />);
    await screen.findByTestId('score');
    expect(screen.getByRole('region', { name: '服务评分' }).textContent).toContain('拖累评分最多');
  });
});
