import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { RunTimeline } from '@kefu/schemas/api';
import { useLang } from './i18n';
import { RunsPanel } from './runs-panel';
import { useRunView } from './run-view-store';

const FLOW = '0123456789abcdef01234568';
const RUN = 'run-1';

const timeline: RunTimeline = {
  run: {
    id: RUN,
    flowId: FLOW,
    version: 2,
    status: 'completed',
    startedAt: '2030-01-01T10:00:00Z',
    currentNodeId: null,
    steps: 2,
  },
  steps: [
    {
      step: 1,
      nodeId: 'vip?',
      nodeType: 'condition',
      enteredAt: '2030-01-01T10:00:00Z',
      leftAt: '2030-01-01T10:00:00Z',
      durationMs: 0,
      port: 'false',
      why: {
        kind: 'condition',
        result: false,
        rule: {
          match: 'all',
          result: false,
          conditions: [
            {
              fact: 'contact',
              path: '$.tags',
              operator: 'contains',
              value: 'vip',
              saw: ['new'],
              result: false,
            },
          ],
        },
        notTaken: [{ port: 'true', reason: 'rule-false' }],
      },
    },
    {
      step: 2,
      nodeId: 'kb',
      nodeType: 'answer-from-knowledge-base',
      enteredAt: '2030-01-01T10:00:00Z',
      leftAt: '2030-01-01T10:00:01Z',
      durationMs: 1000,
      port: 'not-found',
      why: {
        kind: 'knowledge',
        outcome: 'below-threshold',
        confidence: 0.42,
        threshold: 0.6,
        best: { articleId: 'a1', question: 'Opening hours', confidence: 0.42 },
        notTaken: [{ port: 'answered', reason: 'below-threshold' }],
      },
    },
  ],
};
const draft = {
  schemaVersion: 1,
  name: 'VIP',
  kind: 'routing',
  nodes: [
    { id: 'vip?', type: 'condition', config: { rule: { all: [] } } },
    { id: 'kb', type: 'answer-from-knowledge-base', config: {} },
  ],
  edges: [],
};

/** The runs API over fetch: the timeline answer is held until `release`, or fails `failures` times first. */
function fakeApi(failures = 0) {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let failed = 0;
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  vi.stubGlobal('fetch', async (url: string) => {
    if (url === `/runs/${RUN}`) {
      if (failed < failures) {
        failed++;
        return json({ statusCode: 500, code: 'KEFU_ERR_INTERNAL', message: 'down' }, 500);
      }
      await held;
      return json(timeline);
    }
    if (url === `/flows/${FLOW}/versions/2`) return json({ version: 2, draft });
    return json({ statusCode: 404, code: 'KEFU_ERR_NOT_FOUND', message: 'no' }, 404);
  });
  return { release: () => release() };
}

beforeEach(() => {
  useLang.setState({ lang: 'en' });
  useRunView.getState().close();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('runs panel: an open run', () => {
  it("shows loading while the run is held, then each step's why in the timeline and at the node clicked", async () => {
    const api = fakeApi();
    render(<RunsPanel flowId={FLOW} />);
    act(() => void useRunView.getState().open(FLOW, RUN));
    expect(await screen.findByText('Loading…')).toBeTruthy();
    await act(async () => api.release());
    await screen.findByText(
      "Condition: contact.tags list contains 'vip' — saw ['new'] → false; took 'false'",
    );
    expect(
      screen.getByText("Knowledge base: 'Opening hours' 0.42 < threshold 0.60 → no answer; took 'not found'"),
    ).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: /^2\. Answer from knowledge base/ }));
    const why = await screen.findByTestId('step-why');
    expect(why.textContent).toContain("Not taken: 'answered' (not confident enough)");
  });

  it('says the run could not be loaded, and loads it on retry', async () => {
    const api = fakeApi(1);
    api.release();
    render(<RunsPanel flowId={FLOW} />);
    await act(async () => useRunView.getState().open(FLOW, RUN));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load');
    useLang.setState({ lang: 'zh' });
    fireEvent.click(await screen.findByRole('button', { name: '重试' }));
    await screen.findByText("条件：contact.tags 列表包含 'vip' — 实际值 ['new'] → 不成立；走了“否”");
  });
});
