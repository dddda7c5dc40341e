import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { WeeklyReportWire } from '@kefu/schemas/api';
import { useLang } from '../../flows/i18n';
import { ApiError } from '../../shared/http';
import { ReportsSection } from './reports-section';

afterEach(cleanup);
beforeEach(() => useLang.getState().setLang('en'));

const report: WeeklyReportWire = {
  id: '0123456789abcdef01234567:2026-W46',
  week: '2026-W46',
  from: '2026-11-09',
  to: '2026-11-15',
  pages: 2,
  bytes: 90_000,
  score: 56.2,
  mail: 'sent',
  createdAt: '2026-11-16T07:00:00.000Z',
};

describe('weekly reports section', () => {
  it('shows loading while slow, then each report with its download link', async () => {
    let answer!: (r: WeeklyReportWire[]) => void;
    const api = {
      list: vi.fn(() => new Promise<WeeklyReportWire[]>((r) => (answer = r))),
      generate: vi.fn(),
    };
    render(<ReportsSection api={api} />);
    expect(screen.getByRole('status').textContent).toBe('Loading reports…');
    answer([report]);
    const row = await screen.findByRole('row', { name: '2026-W46' });
    expect(row.textContent).toContain('56.2');
    expect(row.textContent).toContain('sent');
    expect(within(row).getByRole('link', { name: 'Download PDF' }).getAttribute('href')).toBe(
      '/analytics/reports/0123456789abcdef01234567%3A2026-W46/pdf',
    );
  });

  it('generates a week now, and shows the API refusing one', async () => {
    const api = {
      list: vi.fn(async () => [] as WeeklyReportWire[]),
      generate: vi
        .fn()
        .mockResolvedValueOnce({ id: 'x', week: '2026-W48' })
        .mockRejectedValueOnce(
          new ApiError(400, 'KEFU_ERR_VALIDATION', '2999-W01 has not ended yet', 'body/week'),
        ),
    };
    render(<ReportsSection api={api} />);
    expect(await screen.findByText('No reports yet.')).toBeTruthy();
    const form = screen.getByRole('form', { name: 'Generate now' });
    fireEvent.click(within(form).getByRole('button', { name: 'Generate now' }));
    expect(await screen.findByText('Generating the report of 2026-W48')).toBeTruthy();
    expect(api.generate).toHaveBeenCalledWith(undefined);
    fireEvent.change(within(form).getByLabelText('Week to generate'), { target: { value: '2999-W01' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Generate now' }));
    expect((await screen.findByRole('alert')).textContent).toBe('2999-W01 has not ended yet');
  });

  it('shows a failed list as an error with a retry', async () => {
    const api = {
      list: vi.fn().mockRejectedValueOnce(new Error('down')).mockResolvedValue([report]),
      generate: vi.fn(),
    };
    render(<ReportsSection api={api} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the reports.');
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('row', { name: '2026-W46' })).toBeTruthy();
  });
});
