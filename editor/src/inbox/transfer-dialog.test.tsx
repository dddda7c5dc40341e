import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useLang } from '../flows/i18n';
import { TransferDialog } from './transfer-dialog';

afterEach(cleanup);
beforeEach(() => useLang.getState().setLang('en'));

const agents = [
  { id: 'a1', name: 'Bo' },
  { id: 'a2', name: 'Cy' },
];
const teams = [
  { id: 't1', name: 'Support' },
  { id: 't2', name: 'VIP desk' },
];

describe('transfer dialog', () => {
  it('hands the conversation to a team by default, with the note typed', async () => {
    const onTransfer = vi.fn(async () => {});
    render(<TransferDialog agents={agents} teams={teams} onTransfer={onTransfer} onCancel={() => {}} />);
    fireEvent.change(screen.getByRole('combobox', { name: 'Team' }), { target: { value: 't2' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Note for the next person (optional)' }), {
      target: { value: ' Wants a refund ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Transfer' }));
    await waitFor(() => expect(onTransfer).toHaveBeenCalledWith({ teamId: 't2' }, 'Wants a refund'));
  });

  it('hands it to an agent when "Agent" is chosen', async () => {
    const onTransfer = vi.fn(async () => {});
    render(<TransferDialog agents={agents} teams={teams} onTransfer={onTransfer} onCancel={() => {}} />);
    fireEvent.click(screen.getByRole('radio', { name: 'Agent' }));
    fireEvent.click(screen.getByRole('button', { name: 'Transfer' }));
    await waitFor(() => expect(onTransfer).toHaveBeenCalledWith({ agentId: 'a1' }, ''));
  });

  it('cannot transfer to nobody, and cancels', () => {
    const onCancel = vi.fn();
    render(<TransferDialog agents={[]} teams={[]} onTransfer={vi.fn()} onCancel={onCancel} />);
    expect((screen.getByRole('button', { name: 'Transfer' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalled();
  });
});
