import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { FlowLineup } from '@kefu/schemas/api';
import { useLang } from './i18n';
import { LiveLineups } from './live-lineups';

const OUT = '0123456789abcdef00000001';
const ALL = '0123456789abcdef00000002';

const answer = (body: unknown, status = 200) =>
  Promise.resolve(
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  );

/** The lineups API over fetch: two live message-received flows, moved and filtered like the server does. */
function fakeApi() {
  const calls: string[] = [];
  let order = [
    { id: OUT, name: 'Out of hours', activeVersion: 2, entry: { hours: 'closed' as const } },
    { id: ALL, name: 'Routing', activeVersion: 1, entry: { channels: ['web' as const] } },
  ];
  const lineups = (): FlowLineup[] => [
    { trigger: 'conversation-started', flows: [] },
    { trigger: 'message-received', flows: order },
  ];
  vi.stubGlobal('fetch', (url: string, init?: RequestInit) => {
    calls.push(`${init?.method ?? 'GET'} ${url}${init?.body ? ` ${String(init.body)}` : ''}`);
    if (url === '/flow-lineups') return answer({ items: lineups() });
    if (url === '/flow-lineups/message-received/moves') {
      const { flowId, position } = JSON.parse(String(init!.body)) as { flowId: string; position: number };
      const moving = order.find((f) => f.id === flowId)!;
      order = order.filter((f) => f.id !== flowId);
      order.splice(position, 0, moving);
      return answer({ trigger: 'message-received', flows: order });
    }
    if (url === `/flows/${ALL}/entry`) return answer({});
    if (url === `/flows/${ALL}/unpublish`) {
      order = order.filter((f) => f.id !== ALL);
      return answer({});
    }
    return answer({ statusCode: 404, code: 'KEFU_ERR_NOT_FOUND', message: 'no' }, 404);
  });
  return calls;
}

describe('LiveLineups', () => {
  beforeEach(() => useLang.getState().setLang('en'));
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("shows each trigger's live flows in order with their filters; an owner moves one up", async () => {
    const calls = fakeApi();
    render(<LiveLineups canEdit />);
    const list = await screen.findByRole('list', { name: 'Message received' });
    const rows = () =>
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent);
    expect(rows()[0]).toMatch(/^1Out of hours v2out of hours/);
    expect(rows()[1]).toMatch(/^2Routing v1web chat/);
    // A trigger with no live flow is not listed.
    expect(screen.queryByRole('list', { name: 'Conversation started' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Move up: Routing' }));
    await vi.waitFor(() => expect(rows()[0]).toMatch(/^1Routing/));
    expect(calls).toContain(`POST /flow-lineups/message-received/moves {"flowId":"${ALL}","position":0}`);
    expect(screen.getByRole('button', { name: 'Move up: Routing' })).toHaveProperty('disabled', true);
  });

  it('edits the filters of a flow and unpublishes one after confirming', async () => {
    const calls = fakeApi();
    const unpublished = vi.fn();
    render(<LiveLineups canEdit onUnpublished={unpublished} />);
    const row = await screen.findByTestId(`live-${ALL}`);
    fireEvent.click(within(row).getByRole('button', { name: 'Filters' }));
    fireEvent.click(within(row).getByRole('checkbox', { name: 'email' }));
    fireEvent.change(within(row).getByRole('combobox'), { target: { value: 'open' } });
    fireEvent.change(within(row).getByRole('textbox'), { target: { value: 'vip, 老客户' } });
    fireEvent.click(within(row).getByRole('button', { name: 'Save' }));
    await vi.waitFor(() =>
      expect(calls).toContain(
        `PUT /flows/${ALL}/entry {"channels":["web","email"],"hours":"open","contactTags":["vip","老客户"]}`,
      ),
    );

    fireEvent.click(
      within(await screen.findByTestId(`live-${ALL}`)).getByRole('button', { name: 'Unpublish' }),
    );
    const confirm = screen.getByRole('alertdialog');
    expect(confirm.textContent).toMatch(/no longer start it/);
    expect(calls.some((c) => c.includes('unpublish'))).toBe(false);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Unpublish' }));
    await vi.waitFor(() => expect(screen.queryByTestId(`live-${ALL}`)).toBeNull());
    expect(unpublished).toHaveBeenCalled();
  });

  it('offers no changes to a reader, and speaks Chinese', async () => {
    fakeApi();
    useLang.getState().setLang('zh');
    render(<LiveLineups canEdit={false} />);
    const list = await screen.findByRole('list', { name: '收到消息' });
    expect(within(list).getAllByRole('listitem')[0]!.textContent).toContain('营业时间外');
    expect(screen.queryByRole('button', { name: /上移/ })).toBeNull();
    expect(screen.getByText('生效中的流程（按尝试顺序）')).toBeTruthy();
  });

  it('shows loading while the request is held and an error with a retry when it fails', async () => {
    let release: (r: Response) => void = () => {};
    let fail = true;
    vi.stubGlobal('fetch', () => {
      if (fail) return new Promise<Response>((resolve) => (release = resolve));
      return answer({ items: [{ trigger: 'message-received', flows: [] }] });
    });
    render(<LiveLineups canEdit />);
    expect(screen.getByText('Loading…')).toBeTruthy();
    release(
      new Response(JSON.stringify({ statusCode: 500, code: 'KEFU_ERR_INTERNAL', message: 'x' }), {
        status: 500,
      }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load');
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText(/No flow is live yet/)).toBeTruthy();
  });
});
