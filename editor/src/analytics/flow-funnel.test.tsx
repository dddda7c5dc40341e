import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { FlowDraft } from '@kefu/schemas';
import type { FlowSummary, FunnelReport } from '@kefu/schemas/api';
import { useLang } from '../flows/i18n';
import { ApiError } from '../shared/http';
import { FlowFunnel } from './flow-funnel';
import type { FunnelApi, FunnelQuestion } from './funnel-api';

afterEach(cleanup);
beforeEach(() => useLang.getState().setLang('en'));

const flowId = 'a'.repeat(24);
const flows = [{ id: flowId, name: 'Greeting' }] as FlowSummary[];
const draft: FlowDraft = {
  schemaVersion: 1,
  name: 'Greeting',
  kind: 'auto-reply',
  nodes: [
    { id: 'start', type: 'conversation-started', config: {}, position: { x: 0, y: 0 } },
    {
      id: 'vip',
      type: 'condition',
      label: 'VIP?',
      config: { rule: { all: [{ fact: 'contact', path: '$.tags', operator: 'contains', value: 'vip' }] } },
      position: { x: 200, y: 0 },
    },
    { id: 'end', type: 'end', config: {}, position: { x: 400, y: 0 } },
  ],
  edges: [],
};
const node = (nodeId: string, fields: Partial<FunnelReport['nodes'][number]>) => ({
  nodeId,
  entered: 0,
  visits: 0,
  left: {},
  finished: 0,
  dropped: 0,
  failed: 0,
  waiting: 0,
  time: { count: 0, median: null, p90: null },
  ...fields,
});
const reports: Record<number, FunnelReport> = {
  2: {
    flowId,
    version: 2,
    from: '2026-03-01',
    to: '2026-03-30',
    timeZone: 'UTC',
    runs: 10,
    nodes: [
      node('start', { entered: 10, visits: 10, left: { next: 10 } }),
      node('vip', {
        entered: 10,
        visits: 10,
        left: { true: 6, false: 2 },
        dropped: 2,
        failed: 2,
        time: { count: 10, median: 3, p90: 75 },
      }),
      node('end', { entered: 6, visits: 6, finished: 6 }),
    ],
  },
  1: {
    flowId,
    version: 1,
    from: '2026-03-01',
    to: '2026-03-30',
    timeZone: 'UTC',
    runs: 8,
    nodes: [node('vip', { entered: 8, left: { true: 3 }, dropped: 5 })],
  },
};

function fakeApi(overrides: Partial<FunnelApi> = {}) {
  return {
    flows: vi.fn(async () => flows),
    versions: vi.fn(async () => [2, 1]),
    funnel: vi.fn(async (q: FunnelQuestion) => reports[q.version]!),
    draft: vi.fn(async () => draft),
    ...overrides,
  } satisfies FunnelApi;
}
const now = Date.parse('2026-03-30T12:00:00Z');

async function ask(api: FunnelApi, compare?: string) {
  render(<FlowFunnel api={api} now={now} />);
  await screen.findByRole('option', { name: 'Greeting' });
  fireEvent.change(screen.getByLabelText('Flow'), { target: { value: flowId } });
  await vi.waitFor(() => expect((screen.getByLabelText('Version') as HTMLSelectElement).value).toBe('2'));
  if (compare) fireEvent.change(screen.getByLabelText('Compare with'), { target: { value: compare } });
  fireEvent.click(screen.getByRole('button', { name: 'Show' }));
}

describe('FlowFunnel', () => {
  it('shows per node the runs that entered, the ports they left by, drops and time, with a link to the canvas', async () => {
    const api = fakeApi();
    await ask(api);
    const row = await screen.findByTestId('funnel-row-vip');
    expect(api.funnel).toHaveBeenCalledWith({ flowId, version: 2, from: '2026-03-01', to: '2026-03-30' });
    expect(within(row).getByRole('rowheader').textContent).toBe('Condition: VIP?');
    expect(row.textContent).toContain('true 6 · false 2');
    expect(row.textContent).toContain('20 %');
    expect(row.textContent).toContain('1 min 15 s');
    expect(screen.getByTestId('funnel-runs-2').textContent).toBe('10');
    expect(screen.getByRole('link', { name: 'Show on canvas' }).getAttribute('href')).toBe(
      `/designer/#/flow/${flowId}/funnel/2?from=2026-03-01&to=2026-03-30`,
    );
  });

  it('compares two versions side by side with the difference', async () => {
    const api = fakeApi();
    await ask(api, '1');
    const row = await screen.findByTestId('funnel-row-vip');
    expect(api.funnel).toHaveBeenCalledTimes(2);
    // v2 / v1 (v2 − v1): entered 10 / 8 (+2); dropped 2 / 5 (−3).
    expect(row.textContent).toContain('10 / 8 (+2)');
    expect(row.textContent).toContain('2 / 5 (-3)');
    expect(screen.getAllByRole('link', { name: 'Show on canvas' })).toHaveLength(2);
  });

  it('says it is loading while the funnel is on its way', async () => {
    let release!: (r: FunnelReport) => void;
    const api = fakeApi({ funnel: vi.fn(() => new Promise<FunnelReport>((r) => (release = r))) });
    await ask(api);
    expect((await screen.findByRole('status')).textContent).toBe('Loading the funnel…');
    release(reports[2]!);
    expect(await screen.findByTestId('funnel-row-vip')).toBeTruthy();
  });

  it('shows a failed load with a retry that loads it', async () => {
    let fail = true;
    const api = fakeApi({
      funnel: vi.fn(async (q: FunnelQuestion) => {
        if (fail) throw new ApiError(500, 'KEFU_ERR_INTERNAL', 'boom');
        return reports[q.version]!;
      }),
    });
    await ask(api);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the funnel.');
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByTestId('funnel-row-vip')).toBeTruthy();
  });

  it('refuses a range that ends before it starts, without asking the API', async () => {
    const api = fakeApi();
    render(<FlowFunnel api={api} now={now} />);
    await screen.findByRole('option', { name: 'Greeting' });
    fireEvent.change(screen.getByLabelText('Flow'), { target: { value: flowId } });
    await vi.waitFor(() => expect((screen.getByLabelText('Version') as HTMLSelectElement).value).toBe('2'));
    fireEvent.change(screen.getByLabelText('Until'), { target: { value: '2026-02-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    expect((await screen.findByRole('alert')).textContent).toBe('"Until" must be on or after "From".');
    expect(api.funnel).not.toHaveBeenCalled();
  });

  it('speaks Chinese', async () => {
    useLang.getState().setLang('zh');
    const api = fakeApi();
    render(<FlowFunnel api={api} now={now} />);
    expect(await screen.findByLabelText('流程')).toBeTruthy();
    expect(screen.getByRole('button', { name: '显示' })).toBeTruthy();
  });
});
