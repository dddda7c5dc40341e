import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { AuditEntry, AuditFilter, Page, User } from '@kefu/schemas/api';
import { useLang } from '../flows/i18n';
import { AuditPage } from './audit-page';
import type { AuditApi } from './audit-api';

afterEach(cleanup);
beforeEach(() => useLang.getState().setLang('en'));

const ann = 'a'.repeat(24);
const bo = 'b'.repeat(24);
const users: User[] = [
  {
    id: ann,
    name: 'Ann',
    email: 'ann@shop.test',
    roles: ['owner'],
    disabled: false,
    viewPersonalData: false,
    createdAt: '2026-01-01T00:00:00.000Z',
  },
  {
    id: bo,
    name: 'Bo',
    email: 'bo@shop.test',
    roles: ['owner'],
    disabled: false,
    viewPersonalData: false,
    createdAt: '2026-01-01T00:00:00.000Z',
  },
];
const entry = (n: number, actor: string, action: string): AuditEntry => ({
  id: String(n).padStart(24, '0'),
  at: new Date(Date.UTC(2026, 0, 1, 10, n)).toISOString(),
  actor: { id: actor, email: actor === ann ? 'ann@shop.test' : 'bo@shop.test' },
  action,
  target: { type: 'invite', id: `t${n}` },
  before: null,
  after: { email: `<b>x${n}</b>@shop.test` },
});
/** Three entries newest first, a page of two; filters applied as the API applies them. */
const log = [entry(3, bo, 'invite.revoke'), entry(2, ann, 'invite.create'), entry(1, ann, 'user.join')];
function fakeApi() {
  return {
    list: vi.fn(async (filter: AuditFilter, cursor?: string): Promise<Page<AuditEntry>> => {
      const hits = log.filter(
        (e) =>
          (!filter.actor || e.actor.id === filter.actor) && (!filter.action || e.action === filter.action),
      );
      const start = cursor ? Number(cursor) : 0;
      return {
        items: hits.slice(start, start + 2),
        nextCursor: start + 2 < hits.length ? String(start + 2) : null,
      };
    }),
    users: vi.fn(async () => users),
    exportUrl: (filter: AuditFilter) =>
      `/audit/export?${new URLSearchParams(filter as Record<string, string>)}`,
  } satisfies AuditApi;
}
const rows = () =>
  within(screen.getByRole('table', { name: 'Audit log' }))
    .getAllByRole('row')
    .slice(1) as HTMLTableRowElement[];

describe('audit log', () => {
  it('lists newest first with load more, filters by who and action, and exports what it shows', async () => {
    const api = fakeApi();
    render(<AuditPage api={api} />);
    await screen.findByRole('table', { name: 'Audit log' });
    // Pages of two here: the list follows the cursor for the rest (a screen holds more than a page).
    await vi.waitFor(() =>
      expect(rows().map((r) => r.cells[2]!.textContent)).toEqual([
        'Revoked an invite',
        'Invited someone',
        'Joined',
      ]),
    );
    expect(api.list).toHaveBeenCalledWith({}, '2');
    // Text from people stays text.
    expect(rows()[0]!.textContent).toContain('<b>x3</b>@shop.test');

    fireEvent.change(await screen.findByRole('combobox', { name: 'Who' }), { target: { value: ann } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Action' }), {
      target: { value: 'invite.create' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Filter' }));
    await vi.waitFor(() => expect(rows()).toHaveLength(1));
    expect(api.list).toHaveBeenLastCalledWith({ actor: ann, action: 'invite.create' }, undefined);
    expect(screen.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toBe(
      `/audit/export?actor=${ann}&action=invite.create`,
    );

    fireEvent.change(screen.getByRole('combobox', { name: 'Action' }), { target: { value: 'user.delete' } });
    fireEvent.click(screen.getByRole('button', { name: 'Filter' }));
    await screen.findByText('No entries match these filters.');
  });

  it('refuses a time range that ends before it starts, next to the fields', async () => {
    const api = fakeApi();
    render(<AuditPage api={api} />);
    await screen.findByRole('table', { name: 'Audit log' });
    await vi.waitFor(() => expect(rows()).toHaveLength(3));
    const calls = api.list.mock.calls.length;
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-01-02T10:00' } });
    fireEvent.change(screen.getByLabelText('Until'), { target: { value: '2026-01-01T10:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Filter' }));
    expect((await screen.findByRole('alert')).textContent).toBe('"Until" must be after "From".');
    expect(api.list).toHaveBeenCalledTimes(calls);
  });

  it('tells loading, empty and failed apart, with a retry', async () => {
    const api = fakeApi();
    let release!: () => void;
    api.list.mockImplementationOnce(
      () => new Promise((resolve) => (release = () => resolve({ items: [], nextCursor: null }))),
    );
    render(<AuditPage api={api} />);
    expect((await screen.findByRole('status')).textContent).toBe('Loading the audit log…');
    release();
    await screen.findByText('Nothing in the log yet.');
    cleanup();

    api.list.mockRejectedValueOnce(new Error('down'));
    render(<AuditPage api={api} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the audit log.');
    expect(screen.queryByText('Nothing in the log yet.')).toBeNull();
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await screen.findByRole('table', { name: 'Audit log' });
  });

  it('speaks Chinese', async () => {
    useLang.getState().setLang('zh');
    render(<AuditPage api={fakeApi()} />);
    const table = await screen.findByRole('table', { name: '审计日志' });
    expect(within(table).getByText('撤销邀请')).toBeTruthy();
    expect(screen.getByRole('link', { name: '导出 CSV' })).toBeTruthy();
  });
});
