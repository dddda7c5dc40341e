import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { FlowDraft } from '@kefu/schemas';
import type { FunnelReport } from '@kefu/schemas/api';
import type { FunnelApi } from '../analytics/funnel-api';
import { ApiError } from '../shared/http';
import { FunnelViewer } from './funnel-viewer';
import { useLang } from './i18n';

afterEach(cleanup);
beforeEach(() => useLang.getState().setLang('en'));
beforeAll(() => {
  // React Flow measures its pane; jsdom has no layout.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});

const flowId = 'a'.repeat(24);
const draft: FlowDraft = {
  schemaVersion: 1,
  name: 'Greeting',
  kind: 'auto-reply',
  nodes: [
    { id: 'start', type: 'conversation-started', config: {}, position: { x: 0, y: 0 } },
    { id: 'ask', type: 'wait-for-reply', config: {}, position: { x: 200, y: 0 } },
  ],
  edges: [{ source: 'start', sourcePort: 'next', target: 'ask' }],
};
const report: FunnelReport = {
  flowId,
  version: 3,
  from: '2026-03-01',
  to: '2026-03-30',
  timeZone: 'UTC',
  runs: 10,
  nodes: [
    {
      nodeId: 'start',
      entered: 10,
      visits: 10,
      left: { next: 10 },
      finished: 0,
      dropped: 0,
      failed: 0,
      waiting: 0,
      time: { count: 10, median: 0, p90: 1 },
    },
    {
      nodeId: 'ask',
      entered: 10,
      visits: 6,
      left: { received: 6 },
      finished: 0,
      dropped: 1,
      failed: 1,
      waiting: 3,
      time: { count: 6, median: 42, p90: 300 },
    },
  ],
};
const api = (funnel: FunnelApi['funnel']): FunnelApi => ({
  flows: vi.fn(),
  versions: vi.fn(),
  funnel,
  draft: vi.fn(async () => draft),
});
const props = { flowId, version: 3, from: '2026-03-01', to: '2026-03-30' };

describe('FunnelViewer', () => {
  it('says it is loading while the funnel is on its way, then draws the heat on the version', async () => {
    let release!: (r: FunnelReport) => void;
    const funnel = vi.fn(() => new Promise<FunnelReport>((r) => (release = r)));
    render(<FunnelViewer {...props} api={api(funnel)} />);
    expect((await screen.findByRole('status')).textContent).toBe('Loading the funnel…');
    expect(funnel).toHaveBeenCalledWith(props);
    release(report);
    const heat = await screen.findByTestId('funnel-heat-ask');
    expect(heat.textContent).toContain('10 entered · 10 % dropped · 3 waiting now');
    expect(heat.textContent).toContain('Median time 42 s · p90 5 min 0 s');
    expect(screen.getByLabelText('Share of the runs that entered the node')).toBeTruthy();
  });

  it('shows a failed load with a retry that loads it', async () => {
    let fail = true;
    const funnel = vi.fn(async () => {
      if (fail) throw new ApiError(500, 'KEFU_ERR_INTERNAL', 'boom');
      return report;
    });
    render(<FunnelViewer {...props} api={api(funnel)} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the funnel.');
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByTestId('funnel-heat-start')).toBeTruthy();
  });
});
