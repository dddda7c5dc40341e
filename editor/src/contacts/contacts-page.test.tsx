import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ContactDetail, ContactDuplicates, ContactImportWire, ContactWire, Me } from '@kefu/schemas/api';
import { ApiError } from '../shared/http';
import { SessionContext } from '../console/session';
import { ContactDetailView } from './contact-detail';
import { ContactImport } from './contact-import';
import { ContactList } from './contact-list';
import type { ContactsApi } from './contacts-api';
import { DuplicatesView } from './duplicates';

afterEach(cleanup);

const contact = (id: string, fields: Partial<ContactWire> = {}): ContactWire => ({
  id,
  tags: [],
  attributes: {},
  createdAt: '2026-11-26T00:00:00.000Z',
  updatedAt: '2026-11-26T00:00:00.000Z',
  ...fields,
});

/** An in-memory API: each test overrides what it needs; anything else must not be called. */
function fakeApi(overrides: Partial<ContactsApi>): ContactsApi {
  const unexpected = () => Promise.reject(new Error('not expected in this test'));
  return {
    list: unexpected,
    get: unexpected,
    update: unexpected,
    duplicates: unexpected,
    merge: unexpected,
    startImport: unexpected,
    getImport: unexpected,
    cancelImport: unexpected,
    latestImport: async () => null,
    exportUrl: '/contacts/export',
    exportOneUrl: (id) => `/contacts/${id}/export`,
    erase: unexpected,
    ...overrides,
  };
}

describe('ContactList', () => {
  const me: Me = {
    user: {
      id: '65a0000000000000000000aa',
      email: 'o@shop.example',
      name: 'O',
      roles: ['agent'],
      disabled: false,
      viewPersonalData: false,
      createdAt: '2026-01-01T00:00:00.000Z',
    },
    workspace: { id: '65a0000000000000000000bb', name: 'Shop', publicKey: 'pk', timeZone: 'UTC' },
  };
  const show = (api: ContactsApi) =>
    render(
      <SessionContext.Provider value={me}>
        <ContactList api={api} />
      </SessionContext.Provider>,
    );

  it("shows the shop's count and loads more onto the list", async () => {
    const list = vi.fn(async ({ cursor }: { cursor?: string }) =>
      cursor
        ? { items: [contact('65a000000000000000000031', { name: 'Zed' })], nextCursor: null, total: 1234 }
        : {
            items: Array.from({ length: 25 }, (_, i) =>
              contact(`65a0000000000000000001${String(i).padStart(2, '0')}`, { name: `C${i}` }),
            ),
            nextCursor: 'next',
            total: 1234,
          },
    );
    show(fakeApi({ list }));
    await screen.findByText('1,234 contacts in all');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByRole('link', { name: 'Zed' });
    expect(screen.getAllByRole('row')).toHaveLength(27);
    expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ cursor: 'next', sort: '-createdAt' }));
    const sorts = screen.getAllByRole('option').map((o) => o.textContent);
    expect(sorts).toEqual(['Newest first', 'Oldest first']);
  });

  it('says when a search has looked only so far, and searches further on request', async () => {
    const list = vi.fn(async ({ q, cursor }: { q?: string; cursor?: string }) =>
      !q
        ? { items: [], nextCursor: null }
        : { items: [], nextCursor: `after-${cursor ?? 'start'}`, scannedTo: '2026-02-01T00:00:00.000Z' },
    );
    show(fakeApi({ list }));
    const user = userEvent.setup();
    await user.type(await screen.findByRole('searchbox'), 'ann');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await screen.findByRole('button', { name: 'Search further' });
    expect(screen.getByText(/Searched back to/)).toBeTruthy();
    expect(screen.queryByText('No contact matches.')).toBeNull();
  });
});

describe('DuplicatesView', () => {
  it('merges the others into the contact picked to keep, then shows none left', async () => {
    const a = contact('65a000000000000000000001', { name: 'Ann', email: 'ann@example.com' });
    const b = contact('65a000000000000000000002', { email: 'ANN@example.com', tags: ['chat'] });
    let groups: ContactDuplicates['groups'] = [
      { reason: 'email', value: 'ann@example.com', contacts: [a, b] },
    ];
    const merge = vi.fn(async () => {
      groups = [];
      return b;
    });
    render(<DuplicatesView api={fakeApi({ duplicates: async () => ({ groups }), merge })} />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('radio', { name: /ANN@example\.com/ }));
    await user.click(screen.getByRole('button', { name: 'Merge into the kept contact' }));
    expect(merge).toHaveBeenCalledWith(b.id, [a.id]);
    await screen.findByText('No duplicates: no two contacts share an email or phone.');
  });
});

describe('ContactDetailView', () => {
  const detail = (c: ContactWire): ContactDetail => ({
    contact: c,
    conversations: [],
    tickets: [],
    surveyResponses: [],
  });

  it('sends only what changed, keeping a number attribute a number and a phone a flow stored as is', async () => {
    const stored = contact('65a000000000000000000003', {
      name: 'Bo',
      phone: 'ext. 12', // not what the API accepts in an edit: it must not be sent back
      attributes: { visits: 3, plan: 'gold' },
    });
    const update = vi.fn(async () => stored);
    render(<ContactDetailView api={fakeApi({ get: async () => detail(stored), update })} id={stored.id} />);
    const user = userEvent.setup();
    const name = await screen.findByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'Bo Chen');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(update).toHaveBeenCalledWith(stored.id, { name: 'Bo Chen' }));
  });

  it('sends only the attributes changed, and null for one removed', async () => {
    const stored = contact('65a000000000000000000006', {
      name: 'Di',
      attributes: { visits: 3, plan: 'gold', city: 'Hangzhou' },
    });
    const update = vi.fn(async () => stored);
    render(<ContactDetailView api={fakeApi({ get: async () => detail(stored), update })} id={stored.id} />);
    const user = userEvent.setup();
    const plan = await screen.findByDisplayValue('gold');
    await user.clear(plan);
    await user.type(plan, 'silver');
    await user.click(screen.getByRole('button', { name: 'Remove city' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(update).toHaveBeenCalledWith(stored.id, { attributes: { plan: 'silver', city: null } }),
    );
  });

  it('says why an edit was refused, naming the field', async () => {
    const stored = contact('65a000000000000000000004', { name: 'Cy' });
    const update = vi.fn(async () => {
      throw new ApiError(400, 'KEFU_ERR_VALIDATION', 'body/phone must match pattern', 'body/phone');
    });
    render(<ContactDetailView api={fakeApi({ get: async () => detail(stored), update })} id={stored.id} />);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Phone'), 'call me');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toContain('body/phone');
  });

  it('shows markup in a name as text', async () => {
    const stored = contact('65a000000000000000000005', { name: '<img src=x onerror="window.__x=1">' });
    const { container } = render(
      <ContactDetailView api={fakeApi({ get: async () => detail(stored) })} id={stored.id} />,
    );
    await screen.findByRole('heading', { name: stored.name });
    expect(container.querySelector('img')).toBeNull();
  });
});

describe('ContactImport', () => {
  const job = (fields: Partial<ContactImportWire>): ContactImportWire => ({
    id: '65a0000000000000000000a1',
    state: 'queued',
    fileName: 'contacts.csv',
    bytes: 1000,
    bytesRead: 0,
    rowsRead: 0,
    created: 0,
    updated: 0,
    problemCount: 0,
    problems: [],
    createdAt: '2026-11-26T00:00:00.000Z',
    ...fields,
  });

  it('uploads the file, follows the import as it runs, and shows what came in and which lines did not', async () => {
    const progress = [
      job({ state: 'running', bytesRead: 400, rowsRead: 40, created: 38, problemCount: 2 }),
      job({
        state: 'done',
        bytesRead: 1000,
        rowsRead: 100,
        created: 95,
        updated: 3,
        problemCount: 250,
        problems: [{ row: 7, field: 'email', code: 'invalid', message: '"x" is not an email address' }],
      }),
    ];
    const startImport = vi.fn(async () => job({}));
    const onImported = vi.fn();
    render(
      <ContactImport
        api={fakeApi({ startImport, getImport: async () => progress.shift() ?? progress[0]! })}
        onImported={onImported}
      />,
    );
    const user = userEvent.setup();
    await user.click(screen.getByText('Import CSV'));
    const file = new File(['name\nAnn\n'], 'contacts.csv', { type: 'text/csv' });
    await user.upload(screen.getByLabelText('CSV file to import'), file);
    expect(startImport).toHaveBeenCalledWith(file);
    await screen.findByText('Waiting for its turn… · contacts.csv');
    await screen.findByText('40% · 40 rows read');
    expect((screen.getByLabelText('CSV file to import') as HTMLInputElement).disabled).toBe(true);
    await screen.findByText('Created: 95 · Updated: 3 · Rows with problems: 250');
    screen.getByText('Line 7 · email: "x" is not an email address');
    screen.getByText('Showing the first 1 of 250 rows with problems.');
    expect(onImported).toHaveBeenCalledTimes(1);
  });

  it('picks up an import still running when the page opens, and cancels it', async () => {
    const running = job({ state: 'running', bytesRead: 500, rowsRead: 50, created: 50 });
    const cancelImport = vi.fn(async () => job({ ...running, state: 'cancelled' }));
    render(
      <ContactImport
        api={fakeApi({ latestImport: async () => running, getImport: async () => running, cancelImport })}
        onImported={() => {}}
      />,
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Cancel import' }));
    expect(cancelImport).toHaveBeenCalledWith(running.id);
    await screen.findByText('Import cancelled. The rows imported before were kept. · contacts.csv');
  });

  it('says why an upload was refused', async () => {
    const startImport = vi.fn(async () => {
      throw new ApiError(413, 'KEFU_ERR_PAYLOAD_TOO_LARGE', 'The file is larger than 50 MB', 'body');
    });
    render(<ContactImport api={fakeApi({ startImport })} onImported={() => {}} />);
    const user = userEvent.setup();
    await user.click(screen.getByText('Import CSV'));
    await user.upload(screen.getByLabelText('CSV file to import'), new File(['x'], 'big.csv'));
    expect((await screen.findByRole('alert')).textContent).toContain('larger than 50 MB');
  });
});
