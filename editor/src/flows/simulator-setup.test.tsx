import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { FlowDraft } from '@kefu/schemas';
import type { Simulation } from '@kefu/schemas/api';
import { useFlowStore } from './flow-store';
import { useLang } from './i18n';
import { SimulatorPanel } from './simulator-panel';

const ID = '0123456789abcdef01234567';
const FLOW = '0123456789abcdef01234568';

const draft: FlowDraft = {
  schemaVersion: 1,
  name: 'with http',
  kind: 'custom',
  nodes: [
    { id: 'start', type: 'conversation-started', config: {} },
    { id: 'crm', type: 'http-request', label: 'Order lookup', config: { url: 'https://crm.example.com/o' } },
  ],
  edges: [{ source: 'start', sourcePort: 'next', target: 'crm' }],
};

const waitingForResolution: Simulation = {
  id: ID,
  flowId: FLOW,
  status: 'running',
  nodeId: 'with-agent',
  vars: {},
  waiting: { for: 'agent' },
  messages: [],
  steps: [],
};

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** fetch as the panel calls it; `answer` may hold a request (a promise it resolves later). */
function stubFetch(answer: (url: string, init?: RequestInit) => Promise<Response> | Response) {
  const calls: Array<{ method: string; url: string; body: unknown }> = [];
  vi.stubGlobal('fetch', (url: string, init?: RequestInit) => {
    calls.push({
      method: init?.method ?? 'GET',
      url,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    return Promise.resolve(answer(url, init));
  });
  return calls;
}

const started = () => json({ id: ID, flowId: FLOW, contactId: FLOW, workflowId: 'w' }, 201);

beforeEach(() => {
  useLang.getState().setLang('en');
  useFlowStore.getState().load(draft);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function openSetup() {
  fireEvent.click(screen.getByText('Test setup: clock, contact, HTTP answers'));
}

describe('simulator test setup', () => {
  it('starts the run with the clock, the test contact, agents offline and a mocked HTTP answer', async () => {
    const calls = stubFetch((url) =>
      url.endsWith('/simulations')
        ? started()
        : json({ ...waitingForResolution, status: 'completed', waiting: null }),
    );
    render(<SimulatorPanel flowId={FLOW} />);
    openSetup();
    fireEvent.click(screen.getByLabelText('Set the clock'));
    fireEvent.change(screen.getByLabelText('Date'), { target: { value: '2026-12-05' } });
    fireEvent.change(screen.getByLabelText('Time'), { target: { value: '23:00' } });
    fireEvent.change(screen.getByLabelText('Time zone'), { target: { value: 'Asia/Shanghai' } });
    fireEvent.change(screen.getByLabelText('Tags (comma-separated)'), {
      target: { value: 'vip, wholesale' },
    });
    fireEvent.change(screen.getByLabelText('Attributes (key=value, one a line)'), {
      target: { value: 'city=Hangzhou\nplan = gold' },
    });
    fireEvent.click(screen.getByLabelText('Agents online'));
    const step = within(screen.getByTestId('sim-http-crm'));
    fireEvent.change(step.getByLabelText('Order lookup'), { target: { value: 'mock' } });
    fireEvent.change(step.getByLabelText('Status'), { target: { value: '503' } });
    fireEvent.change(step.getByLabelText('JSON body'), { target: { value: '{"error":"down"}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start simulation' }));
    await screen.findByText('finished');
    expect(calls.find((c) => c.url === `/flows/${FLOW}/simulations`)?.body).toEqual({
      clock: { date: '2026-12-05', time: '23:00', timeZone: 'Asia/Shanghai' },
      contact: { tags: ['vip', 'wholesale'], attributes: { city: 'Hangzhou', plan: 'gold' } },
      agentsOnline: false,
      http: { crm: { mode: 'mock', status: 503, body: '{"error":"down"}' } },
    });
  });

  it('names a mocked body that is not JSON at its field, in English and Chinese, and sends nothing', async () => {
    const calls = stubFetch(() => started());
    render(<SimulatorPanel flowId={FLOW} />);
    openSetup();
    const step = within(screen.getByTestId('sim-http-crm'));
    fireEvent.change(step.getByLabelText('Order lookup'), { target: { value: 'mock' } });
    fireEvent.change(step.getByLabelText('JSON body'), { target: { value: '{"id":' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start simulation' }));
    expect(await step.findByText('This body is not valid JSON')).toBeTruthy();
    expect(step.getByLabelText('JSON body').getAttribute('aria-invalid')).toBe('true');
    expect(calls).toEqual([]);

    act(() => useLang.getState().setLang('zh'));
    fireEvent.click(screen.getByRole('button', { name: '开始模拟' }));
    expect(await step.findByText('此响应体不是有效的 JSON')).toBeTruthy();
    expect(calls).toEqual([]);
  });

  it('shows a setting the API refused at its field', async () => {
    stubFetch(() =>
      json(
        {
          statusCode: 400,
          code: 'KEFU_ERR_VALIDATION',
          message: 'Unknown time zone: Mars/Olympus',
          field: 'body/clock/timeZone',
        },
        400,
      ),
    );
    render(<SimulatorPanel flowId={FLOW} />);
    openSetup();
    fireEvent.click(screen.getByLabelText('Set the clock'));
    fireEvent.change(screen.getByLabelText('Date'), { target: { value: '2026-12-05' } });
    fireEvent.change(screen.getByLabelText('Time'), { target: { value: '23:00' } });
    fireEvent.change(screen.getByLabelText('Time zone'), { target: { value: 'Mars/Olympus' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start simulation' }));
    const alerts = await screen.findAllByText('Unknown time zone: Mars/Olympus', { exact: false });
    expect(alerts.length).toBe(2); // at the field and above the chat
    expect(screen.getByLabelText('Time zone').getAttribute('aria-invalid')).toBe('true');
  });

  it('keeps Start disabled while the start is on its way, then says a failed start and starts on retry', async () => {
    let release: ((r: Response) => void) | undefined;
    let fail = true;
    const calls = stubFetch((url) => {
      if (url.endsWith('/simulations')) {
        if (fail) {
          fail = false;
          return new Promise<Response>((resolve) => (release = resolve));
        }
        return started();
      }
      return json(waitingForResolution);
    });
    render(<SimulatorPanel flowId={FLOW} />);
    const startButton = screen.getByRole('button', { name: 'Start simulation' });
    fireEvent.click(startButton);
    await vi.waitFor(() => expect(calls.length).toBe(1));
    expect(startButton.hasAttribute('disabled')).toBe(true);
    await act(async () =>
      release!(json({ statusCode: 500, code: 'KEFU_ERR_INTERNAL', message: 'boom' }, 500)),
    );
    expect((await screen.findByRole('alert')).textContent).toBe('Could not load');
    fireEvent.click(screen.getByRole('button', { name: 'Start simulation' }));
    await screen.findByText('With an agent until it is resolved', { exact: false });
  });

  it('resolves as an agent or lets the time run out while the run waits for a resolution', async () => {
    let resolved = false;
    const calls = stubFetch((url) => {
      if (url.endsWith('/simulations')) return started();
      if (url.endsWith('/resolve')) {
        resolved = true;
        return json({});
      }
      return json(
        resolved
          ? { ...waitingForResolution, nodeId: 'rate', waiting: { for: 'reply' } }
          : waitingForResolution,
      );
    });
    render(<SimulatorPanel flowId={FLOW} />);
    fireEvent.click(screen.getByRole('button', { name: 'Start simulation' }));
    await screen.findByText('With an agent until it is resolved', { exact: false });
    expect(screen.getByRole('button', { name: 'Time runs out' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Agent accepts' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Agent resolves' }));
    await screen.findByText('Waiting for the customer');
    expect(calls.map((c) => `${c.method} ${c.url}`)).toContain(`POST /simulations/${ID}/resolve`);
  });
});
