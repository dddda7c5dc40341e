import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ContactDetail, ContactDuplicates, ContactWire } from '@kefu/schemas/api';
import { ApiError } from '../shared/http';
import { ContactDetailView } from './contact-detail';
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
    importCsv: unexpected,
    exportUrl: '/contacts/export',
    ...overrides,
  };
}

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
