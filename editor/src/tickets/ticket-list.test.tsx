import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me, Page, TicketWire } from '@kefu/schemas/api';
import { SessionContext } from '../console/session';
import { TicketList } from './ticket-list';
import type { TicketQuery, TicketsApi } from './tickets-api';

afterEach(cleanup);

const me: Me = {
  user: {
    id: '65a0000000000000000000aa',
    email: 'a@shop.example',
    name: 'Ann',
    roles: ['agent'],
    disabled: false,
    viewPersonalData: false,
    createdAt: '2026-01-01T00:00:00.000Z',
  },
  workspace: { id: '65a0000000000000000000bb', name: 'Shop', publicKey: 'pk', timeZone: 'UTC' },
};

const ticket = (n: number): TicketWire => ({
  id: `65a0000000000000000${String(n).padStart(5, '0')}`,
  subject: `Ticket ${n}`,
  description: '',
  status: 'open',
  priority: 'normal',
  source: 'agent',
  tags: [],
  customFields: {},
  sla: { firstResponseBreached: false, resolutionBreached: false },
  createdAt: '2026-01-05T09:00:00.000Z',
  updatedAt: '2026-01-05T09:00:00.000Z',
});

/** An in-memory API answering GET /tickets with `pages(query)`; anything else must not be called. */
function fakeApi(
  list: (query: TicketQuery) => Promise<Page<TicketWire>>,
): TicketsApi & { list: ReturnType<typeof vi.fn> } {
  const unexpected = () => Promise.reject(new Error('not expected in this test'));
  return {
    list: vi.fn(list),
    counts: async () => ({ open: 12, pending: 3, mine: 5, unassigned: 4 }),
    get: unexpected,
    update: unexpected,
    comment: unexpected,
    bulk: unexpected,
  };
}

const renderList = (api: TicketsApi) =>
  render(
    <SessionContext.Provider value={me}>
      <TicketList api={api} people={[]} teams={[]} />
    </SessionContext.Provider>,
  );

describe('TicketList', () => {
  it('opens on the open view with the counts the server keeps, and asks each view for its set', async () => {
    const api = fakeApi(async () => ({ items: [ticket(1)], nextCursor: null, total: 1 }));
    renderList(api);
    const views = screen.getByRole('navigation', { name: 'Views' });
    expect((await within(views).findByRole('button', { name: 'Open 12' })).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(within(views).getByRole('button', { name: 'Mine 5' })).toBeTruthy();
    await screen.findByRole('link', { name: 'Ticket 1' });
    expect(api.list).toHaveBeenLastCalledWith(
      expect.objectContaining({ status: 'open', sort: '-createdAt' }),
    );

    const user = userEvent.setup();
    await user.click(within(views).getByRole('button', { name: 'Mine 5' }));
    await waitFor(() =>
      expect(api.list).toHaveBeenLastCalledWith(
        expect.objectContaining({ status: 'active', assignee: 'me' }),
      ),
    );
    await user.click(within(views).getByRole('button', { name: 'Breached' }));
    await waitFor(() =>
      expect(api.list).toHaveBeenLastCalledWith(
        expect.objectContaining({ status: 'active', breached: 'true' }),
      ),
    );
  });

  it('offers priority and due sorts in a working set only, and falls back to newest on all tickets', async () => {
    const api = fakeApi(async () => ({ items: [], nextCursor: null }));
    renderList(api);
    const user = userEvent.setup();
    const sort = await screen.findByLabelText('Sort by');
    await user.selectOptions(sort, '-priority');
    await waitFor(() =>
      expect(api.list).toHaveBeenLastCalledWith(expect.objectContaining({ sort: '-priority' })),
    );
    await user.click(screen.getByRole('button', { name: 'All' }));
    await waitFor(() =>
      expect(api.list).toHaveBeenLastCalledWith(expect.objectContaining({ sort: '-createdAt' })),
    );
    const options = within(screen.getByLabelText('Sort by'))
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toEqual(['Newest first', 'Oldest first']);
  });

  it('loads more onto the list, and says how many of how many', async () => {
    const api = fakeApi(async (q) =>
      q.cursor
        ? { items: [ticket(26)], nextCursor: null, total: 26 }
        : { items: Array.from({ length: 25 }, (_, i) => ticket(i + 1)), nextCursor: 'c1', total: 26 },
    );
    renderList(api);
    await screen.findByText('Showing 25 of 26');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByRole('link', { name: 'Ticket 26' });
    expect(screen.getAllByRole('link', { name: /^Ticket / })).toHaveLength(26);
    expect(screen.getByText('Showing 26 of 26')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('searches on by itself a little way when pages come back short, then says how far it looked', async () => {
    const scanned = [
      '2026-03-01T00:00:00.000Z',
      '2026-02-01T00:00:00.000Z',
      '2026-01-01T00:00:00.000Z',
      '2025-12-01T00:00:00.000Z',
    ];
    let n = 0;
    const api = fakeApi(async (q) => {
      if (q.status !== undefined || !q.q) return { items: [], nextCursor: null };
      const i = n++;
      return { items: i === 1 ? [ticket(7)] : [], nextCursor: `c${i + 1}`, scannedTo: scanned[i] };
    });
    renderList(api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'All' }));
    await user.type(
      screen.getByRole('searchbox', { name: 'Search subject, description or #number' }),
      'needle',
    );
    await user.click(screen.getByRole('button', { name: 'Search' }));
    // Three requests on its own, the match in the second; then it asks.
    await screen.findByRole('button', { name: 'Search further' });
    expect(n).toBe(3);
    expect(screen.getByRole('link', { name: 'Ticket 7' })).toBeTruthy();
    expect(screen.getByText(/Searched back to/).textContent).toContain(
      new Date(scanned[2]!).toLocaleString('en'),
    );
    await user.click(screen.getByRole('button', { name: 'Search further' }));
    await waitFor(() => expect(n).toBe(6));
    expect(api.list).toHaveBeenLastCalledWith(expect.objectContaining({ q: 'needle', cursor: 'c5' }));
  });
});
