import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { FlowSummary, Run, RunPage, TeamWire } from '@kefu/schemas/api';
import { useLang } from '../flows/i18n';
import { ApiError } from '../shared/http';
import { RunExplorer } from './run-explorer';
import type { RunFilter, RunsApi } from './runs-api';

afterEach(cleanup);
beforeEach(() => useLang.getState().setLang('en'));

const flowA = 'a'.repeat(24);
const flowB = 'b'.repeat(24);
const flows: FlowSummary[] = [
  {
    id: flowA,
    name: 'Routing',
    kind: 'routing',
    trigger: 'conversation-started',
    revision: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  },
  {
    id: flowB,
    name: 'Survey',
    kind: 'survey',
    trigger: 'conversation-resolved',
    revision: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  },
] as FlowSummary[];
const teams: TeamWire[] = [
  { id: 'c'.repeat(24), key: 'support', name: 'Support', members: [], createdAt: '2026-01-01T00:00:00.000Z' },
];
const run = (n: number, fields: Partial<Run>): Run => ({
  id: `run-${n}`,
  flowId: flowA,
  version: 1,
  status: 'completed',
  startedAt: new Date(Date.UTC(2026, 0, 1, 10, n)).toISOString(),
  currentNodeId: null,
  steps: 3,
  ...fields,
});
/** Newest first, pages of two; filters applied as the API applies them. */
const runs = [
  run(3, { channel: 'email', teams: ['support'], endNodeId: 'bye', customer: { name: '<b>Lin</b>' } }),
  run(2, { flowId: flowB, status: 'failed', channel: 'web' }),
  run(1, { status: 'running', channel: 'web', tags: ['vip'] }),
];
function fakeApi() {
  return {
    list: vi.fn(async (filter: RunFilter, cursor?: string): Promise<RunPage> => {
      const hits = runs.filter(
        (r) =>
          (!filter.flowId || r.flowId === filter.flowId) &&
          (!filter.status || r.status === filter.status) &&
          (!filter.channel || r.channel === filter.channel) &&
          (!filter.team || (r.teams ?? []).includes(filter.team)) &&
          (!filter.customer || filter.customer === 'lin'),
      );
      const start = cursor ? Number(cursor) : 0;
      return {
        items: hits.slice(start, start + 2),
        nextCursor: start + 2 < hits.length ? String(start + 2) : null,
        ...(filter.customer
          ? { customers: filter.customer === 'lin' ? [{ id: 'd'.repeat(24), name: 'Lin' }] : [] }
          : {}),
      };
    }),
    flows: vi.fn(async () => flows),
    teams: vi.fn(async () => teams),
    nodes: vi.fn(async (flowId: string) =>
      flowId === flowA
        ? [
            { id: 'start', type: 'conversation-started' },
            { id: 'bye', type: 'send-message' },
          ]
        : [],
    ),
  } satisfies RunsApi;
}
const rows = () =>
  within(screen.getByRole('table', { name: 'Run explorer' }))
    .getAllByRole('row')
    .slice(1) as HTMLTableRowElement[];

describe('run explorer', () => {
  it('lists runs newest first with links to the run viewer, and filters them', async () => {
    const api = fakeApi();
    render(<RunExplorer api={api} />);
    await vi.waitFor(() => expect(rows()).toHaveLength(3));
    expect(api.list).toHaveBeenCalledWith({}, '2');
    expect(rows().map((r) => r.cells[2]!.textContent)).toEqual(['Completed', 'Failed', 'Running']);
    await vi.waitFor(() => expect(rows()[1]!.cells[1]!.textContent).toContain('Survey'));
    // A customer's name from a chat stays text.
    expect(rows()[0]!.cells[4]!.textContent).toBe('<b>Lin</b>');
    const open = within(rows()[0]!).getByRole('link', { name: /Open this run/ });
    expect(open.getAttribute('href')).toBe(`/designer/#/flow/${flowA}/run/run-3`);

    fireEvent.change(screen.getByRole('combobox', { name: 'Channel' }), { target: { value: 'email' } });
    await screen.findByRole('option', { name: 'Support' });
    fireEvent.change(screen.getByRole('combobox', { name: 'Team' }), { target: { value: 'support' } });
    fireEvent.click(screen.getByRole('button', { name: 'Filter' }));
    await vi.waitFor(() => expect(rows()).toHaveLength(1));
    expect(api.list).toHaveBeenLastCalledWith({ channel: 'email', team: 'support' }, undefined);

    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), { target: { value: 'failed' } });
    fireEvent.click(screen.getByRole('button', { name: 'Filter' }));
    await screen.findByText('No runs match these filters.');

    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    await vi.waitFor(() => expect(rows()).toHaveLength(3));

    // A flow chosen, its nodes are offered for "ended at node", named as the designer names them.
    fireEvent.change(screen.getByRole('combobox', { name: 'Flow' }), { target: { value: flowA } });
    await vi.waitFor(() => expect(api.nodes).toHaveBeenCalledWith(flowA));
    const offered = () =>
      [...document.querySelectorAll('#run-end-nodes option')].map((o) => o.getAttribute('value'));
    await vi.waitFor(() => expect(offered()).toEqual(['start', 'bye']));
    expect(document.querySelector('#run-end-nodes option[value="bye"]')!.textContent).toBe('Send message');
  });

  it('searches by customer and says when nobody has that name', async () => {
    const api = fakeApi();
    render(<RunExplorer api={api} />);
    await vi.waitFor(() => expect(rows()).toHaveLength(3));
    fireEvent.change(screen.getByRole('searchbox', { name: 'Customer' }), { target: { value: ' lin ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Filter' }));
    expect((await screen.findByTestId('customers-found')).textContent).toBe('Runs of Lin');
    expect(api.list).toHaveBeenCalledWith({ customer: 'lin' }, undefined);

    fireEvent.change(screen.getByRole('searchbox', { name: 'Customer' }), { target: { value: 'nobody' } });
    fireEvent.click(screen.getByRole('button', { name: 'Filter' }));
    await vi.waitFor(() =>
      expect(screen.getByTestId('customers-found').textContent).toBe(
        'No customer has that name, email or phone.',
      ),
    );
  });

  it('refuses a time range that ends before it starts, next to the fields', async () => {
    const api = fakeApi();
    render(<RunExplorer api={api} />);
    await vi.waitFor(() => expect(rows()).toHaveLength(3));
    const calls = api.list.mock.calls.length;
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-01-02T10:00' } });
    fireEvent.change(screen.getByLabelText('Until'), { target: { value: '2026-01-01T10:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Filter' }));
    expect((await screen.findByRole('alert')).textContent).toBe('"Until" must be after "From".');
    expect(api.list).toHaveBeenCalledTimes(calls);
  });

  it('tells loading, empty and failed apart, with a retry, and names a refused filter', async () => {
    const api = fakeApi();
    let release!: () => void;
    api.list.mockImplementationOnce(
      () => new Promise((resolve) => (release = () => resolve({ items: [], nextCursor: null }))),
    );
    render(<RunExplorer api={api} />);
    expect((await screen.findByRole('status')).textContent).toBe('Loading runs…');
    release();
    await screen.findByText('No runs yet.');
    cleanup();

    api.list.mockRejectedValueOnce(new Error('down'));
    render(<RunExplorer api={api} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the runs.');
    expect(screen.queryByText('No runs yet.')).toBeNull();
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await vi.waitFor(() => expect(rows()).toHaveLength(3));
    cleanup();

    api.list.mockRejectedValueOnce(
      new ApiError(400, 'KEFU_ERR_VALIDATION', 'querystring/tag must be one line', 'querystring/tag'),
    );
    render(<RunExplorer api={api} />);
    await screen.findByText(/The server refused this filter: querystring\/tag must be one line/);
  });

  it('exports the loaded runs as CSV, with flow names and words, not ids and codes', async () => {
    let sent: Blob | undefined;
    URL.createObjectURL = vi.fn((b: Blob) => ((sent = b), 'blob:runs')) as never;
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    try {
      render(<RunExplorer api={fakeApi()} />);
      await vi.waitFor(() => expect(rows()).toHaveLength(3));
      await vi.waitFor(() => expect(rows()[1]!.cells[1]!.textContent).toContain('Survey'));
      fireEvent.click(screen.getByRole('button', { name: 'Export CSV: Run explorer' }));
      const bytes = await new Promise<ArrayBuffer>((resolve) => {
        const r = new FileReader();
        r.onload = () => resolve(r.result as ArrayBuffer);
        r.readAsArrayBuffer(sent!);
      });
      const lines = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).split('\r\n');
      expect(lines[0]).toBe('\uFEFFStarted,Flow,Version,Status,Channel,Customer,Team,Ended at node,Steps,id');
      expect(lines).toHaveLength(5); // three runs, and the file ends with a line break
      expect(lines[1]).toBe(`${runs[0]!.startedAt},Routing,1,Completed,Email,<b>Lin</b>,support,bye,3,run-3`);
      expect(lines[2]).toContain(',Survey,1,Failed,Web chat,');
    } finally {
      click.mockRestore();
    }
  });

  it('speaks Chinese', async () => {
    useLang.getState().setLang('zh');
    render(<RunExplorer api={fakeApi()} />);
    const table = await screen.findByRole('table', { name: '运行记录浏览' });
    expect(within(table).getAllByText('已完成').length).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: '筛选' })).toBeTruthy();
    expect(screen.getByRole('searchbox', { name: '客户' })).toBeTruthy();
  });
});
