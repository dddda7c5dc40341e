import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { Simulation } from '@kefu/schemas/api';
import { emptyDraft } from './draft';
import { useFlowStore } from './flow-store';
import { SimulatorPanel } from './simulator-panel';

const ID = '0123456789abcdef01234567';
const FLOW = '0123456789abcdef01234568';

/** The simulations API as the panel sees it over fetch: a run waiting on a team, then assigned. */
function fakeApi() {
  const calls: string[] = [];
  let accepted = false;
  const base: Simulation = {
    id: ID,
    flowId: FLOW,
    status: 'running',
    nodeId: 'route',
    vars: { email: 'lin@example.com' },
    waiting: { for: 'agent', offerId: 'simulated-offer-1', until: '2030-01-01T10:05:00Z' },
    messages: [
      {
        id: 'm1',
        conversationId: ID,
        author: 'bot',
        text: '<b>Hello</b>',
        createdAt: '2030-01-01T10:00:00Z',
      },
    ],
    steps: [
      {
        step: 1,
        nodeId: 'start',
        nodeType: 'conversation-started',
        enteredAt: '2030-01-01T10:00:00Z',
        leftAt: '2030-01-01T10:00:00Z',
        durationMs: 0,
        port: 'next',
      },
    ],
  };
  const answer = (body: unknown, status = 200) =>
    Promise.resolve(
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
    );
  vi.stubGlobal('fetch', (url: string, init?: RequestInit) => {
    calls.push(`${init?.method ?? 'GET'} ${url}`);
    if (url === `/flows/${FLOW}/simulations`)
      return answer({ id: ID, flowId: FLOW, contactId: FLOW, workflowId: 'w' }, 201);
    if (url === `/simulations/${ID}/accept`) {
      accepted = true;
      return answer({});
    }
    if (url === `/simulations/${ID}`)
      return answer(
        accepted
          ? {
              ...base,
              status: 'completed',
              nodeId: null,
              waiting: null,
              steps: [
                ...base.steps,
                { ...base.steps[0]!, step: 2, nodeId: 'route', nodeType: 'route-to-team', port: 'assigned' },
              ],
            }
          : base,
      );
    return answer({ statusCode: 404, code: 'KEFU_ERR_NOT_FOUND', message: 'no' }, 404);
  });
  return calls;
}

beforeEach(() => useFlowStore.getState().load(emptyDraft('test')));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('simulator panel', () => {
  it('starts a simulation, shows its chat as text, variables and path, and accepts the offer as an agent', async () => {
    const calls = fakeApi();
    render(<SimulatorPanel flowId={FLOW} />);
    fireEvent.click(screen.getByRole('button', { name: 'Start simulation' }));
    await screen.findByText('Offered to the team, waiting for an agent', { exact: false });
    // Messages are text: markup in a bot message is shown, never run.
    expect(screen.getByText('<b>Hello</b>')).toBeTruthy();
    expect(screen.getByText('lin@example.com')).toBeTruthy();
    expect([...(useFlowStore.getState().trace?.visited ?? [])]).toEqual(['start', 'route']);
    expect(useFlowStore.getState().trace?.current).toBe('route');

    fireEvent.click(screen.getByRole('button', { name: 'Agent accepts' }));
    await screen.findByText('finished');
    expect(calls).toContain(`POST /simulations/${ID}/accept`);
    expect(useFlowStore.getState().trace?.taken.has('route/assigned')).toBe(true);
    expect(screen.queryByRole('button', { name: 'Agent accepts' })).toBeNull();
  });

  it('says why a draft with problems cannot be simulated', async () => {
    vi.stubGlobal('fetch', () =>
      Promise.resolve(
        new Response(
          JSON.stringify({
            statusCode: 422,
            code: 'KEFU_ERR_FLOW_INVALID',
            message: 'The flow has 1 problem; first: Write the message',
          }),
          { status: 422 },
        ),
      ),
    );
    render(<SimulatorPanel flowId={FLOW} />);
    fireEvent.click(screen.getByRole('button', { name: 'Start simulation' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Cannot simulate: The flow has 1 problem; first: Write the message');
    expect(useFlowStore.getState().trace).toBeNull();
  });
});
