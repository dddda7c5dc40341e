import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { FlowSummary, SplitReport } from '@kefu/schemas/api';
import { useLang } from '../flows/i18n';
import { ApiError } from '../shared/http';
import { SplitComparison } from './split-comparison';
import type { SplitsApi } from './splits-api';

afterEach(cleanup);
beforeEach(() => useLang.getState().setLang('en'));

const flowId = 'a'.repeat(24);
const flows = [
  {
    id: flowId,
    name: 'Greeting',
    kind: 'auto-reply',
    trigger: 'conversation-started',
    revision: 2,
    activeVersion: 3,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  },
] as FlowSummary[];
const cmp = (diff: number, low: number, high: number, p: number, significant: boolean) => ({
  diff,
  low,
  high,
  p,
  pAdjusted: p,
  test: 'z' as const,
  significant,
});
const outcomes = (n: number, bot: number, handed: number, csat: number | null, answers: number) => ({
  botResolved: bot,
  botResolvedRate: bot / n,
  handedToPerson: handed,
  handedToPersonRate: handed / n,
  gotPerson: handed,
  resolved: bot,
  csatCount: answers,
  csatAverage: csat,
  csatPositive: Math.round(answers * 0.7),
  csatPositiveShare: answers ? 0.7 : null,
});
const report: SplitReport = {
  flowId,
  version: 3,
  from: '2026-11-08',
  to: '2026-12-07',
  splits: [
    {
      nodeId: 'greeting',
      label: 'Greeting A/B',
      branches: [
        {
          port: 'a',
          label: 'Short',
          weight: 50,
          conversations: 400,
          outcomes: outcomes(400, 120, 200, 4.1, 80),
          enough: true,
          vsControl: null,
        },
        {
          port: 'b',
          label: 'Friendly',
          weight: 50,
          conversations: 400,
          outcomes: outcomes(400, 168, 160, 4.2, 5),
          enough: true,
          vsControl: {
            botResolvedRate: cmp(0.12, 0.04, 0.2, 0.003, true),
            handedToPersonRate: cmp(-0.1, -0.17, -0.03, 0.2, false),
            csatAverage: cmp(0.1, -0.5, 0.7, 0.7, false),
            csatPositiveShare: cmp(0, -0.3, 0.3, 1, false),
            enoughAnswers: false,
          },
        },
      ],
    },
  ],
};

function fakeApi(answer: () => Promise<SplitReport>): SplitsApi & { report: ReturnType<typeof vi.fn> } {
  return { flows: async () => flows, report: vi.fn(answer) };
}
const ask = async () => {
  // The flows arrive on their own request: choose one only once it is offered.
  await screen.findByRole('option', { name: 'Greeting' });
  fireEvent.change(screen.getByLabelText('Flow'), { target: { value: flowId } });
  fireEvent.click(screen.getByRole('button', { name: 'Compare' }));
};

describe('SplitComparison', () => {
  it("asks for the flow's active version over the last 30 days and shows the branches side by side with verdicts", async () => {
    const api = fakeApi(async () => report);
    render(<SplitComparison api={api} today={Date.parse('2026-12-07T12:00:00Z')} />);
    expect(screen.getByText(/Choose a flow and a version/)).toBeTruthy();
    await ask();
    expect(api.report).toHaveBeenCalledWith({ flowId, version: 3, from: '2026-11-08', to: '2026-12-07' });
    const table = await screen.findByRole('table');
    expect(within(table).getByText('Short')).toBeTruthy();
    expect(within(table).getByText(/\(a, control\)/)).toBeTruthy();
    expect(within(table).getByText('Friendly')).toBeTruthy();
    expect(within(table).getByText('42%')).toBeTruthy(); // 168 of 400
    expect(within(table).getByText('+12 pts, 95% CI +4..+20, p = 0.003 — more than chance')).toBeTruthy();
    expect(
      within(table).getByText('-10 pts, 95% CI -17..-3, p = 0.200 — not distinguishable from chance yet'),
    ).toBeTruthy();
    // CSAT: 5 answers in branch B are fewer than the minimum, whatever the numbers say.
    expect(within(table).getAllByText(/— not enough data yet$/)).toHaveLength(2);
  });

  it('shows the loading state while the request is held, then the figures', async () => {
    let release!: (r: SplitReport) => void;
    const api = fakeApi(() => new Promise<SplitReport>((resolve) => (release = resolve)));
    render(<SplitComparison api={api} />);
    await ask();
    expect(await screen.findByText('Loading the comparison…')).toBeTruthy();
    release(report);
    expect(await screen.findByRole('table')).toBeTruthy();
    expect(screen.queryByText('Loading the comparison…')).toBeNull();
  });

  it('says so when the request fails, and retries', async () => {
    let fail = true;
    const api = fakeApi(async () => {
      if (fail) throw new Error('network down');
      return report;
    });
    render(<SplitComparison api={api} />);
    await ask();
    expect((await screen.findByRole('alert')).textContent).toContain('Could not load the comparison.');
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('table')).toBeTruthy();
    expect(api.report).toHaveBeenCalledTimes(2);
  });

  it('shows what the server refused, naming it', async () => {
    const api = fakeApi(async () => {
      throw new ApiError(
        404,
        'KEFU_ERR_NOT_FOUND',
        'This flow has no published version querystring/version',
        'querystring/version',
      );
    });
    render(<SplitComparison api={api} />);
    await ask();
    expect((await screen.findByRole('alert')).textContent).toContain('querystring/version');
  });

  it('says when a version has no split, and speaks Chinese', async () => {
    useLang.getState().setLang('zh');
    const api = fakeApi(async () => ({ ...report, splits: [] }));
    render(<SplitComparison api={api} />);
    fireEvent.change(await screen.findByLabelText('流程'), { target: { value: flowId } });
    fireEvent.click(screen.getByRole('button', { name: '对比' }));
    expect(await screen.findByText('此版本没有随机分流节点。')).toBeTruthy();
  });
});
