import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { CannedReplyWire, Page } from '@kefu/schemas/api';
import { useLang } from '../flows/i18n';
import { ApiError } from '../shared/http';
import { CannedSettings } from './canned-settings';
import { fakeDeskApi } from './desk-fake-api';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});
beforeEach(() => useLang.getState().setLang('en'));

const fill = (form: HTMLElement, label: string, value: string) =>
  fireEvent.change(within(form).getByLabelText(label), { target: { value } });

describe('canned replies settings', () => {
  it('shows loading while the list is slow, then the empty state', async () => {
    const { api } = fakeDeskApi();
    let answer!: (page: Page<CannedReplyWire>) => void;
    api.cannedReplies.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    render(<CannedSettings api={api} />);
    expect(screen.getByRole('status').textContent).toBe('Loading canned replies…');
    answer({ items: [], nextCursor: null });
    expect(await screen.findByText('No canned replies yet.')).toBeTruthy();
  });

  it('shows a failed list as an error with a retry', async () => {
    const { api } = fakeDeskApi();
    api.cannedReplies.mockRejectedValueOnce(new ApiError(500, 'KEFU_ERR_INTERNAL', 'down'));
    render(<CannedSettings api={api} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the canned replies.');
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('No canned replies yet.')).toBeTruthy();
  });

  it('creates, refuses a taken shortcut next to the field, edits and deletes after confirming', async () => {
    const { api } = fakeDeskApi();
    render(<CannedSettings api={api} />);
    await screen.findByText('No canned replies yet.');
    fireEvent.click(screen.getByRole('button', { name: 'New canned reply' }));
    let form = screen.getByRole('form', { name: 'New canned reply' });
    fill(form, 'Shortcut', '/thanks');
    fill(form, 'Title', 'Thank you');
    fill(form, 'Text', 'Thanks {{contact.name}}!');
    fill(form, 'Tags (comma-separated)', 'polite, polite, end');
    fireEvent.click(within(form).getByRole('button', { name: 'Save reply' }));
    const table = await screen.findByRole('table', { name: 'Canned replies' });
    expect(within(table).getByText('/thanks')).toBeTruthy();
    expect(api.createCanned).toHaveBeenCalledWith({
      shortcut: 'thanks',
      title: 'Thank you',
      text: 'Thanks {{contact.name}}!',
      tags: ['polite', 'end'],
    });

    fireEvent.click(screen.getByRole('button', { name: 'New canned reply' }));
    form = screen.getByRole('form', { name: 'New canned reply' });
    fill(form, 'Shortcut', 'thanks');
    fill(form, 'Title', 'Again');
    fill(form, 'Text', 'Again');
    fireEvent.click(within(form).getByRole('button', { name: 'Save reply' }));
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'Another canned reply has this shortcut',
    );
    expect(within(form).getByLabelText('Shortcut').getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(within(form).getByRole('button', { name: 'Cancel' }));

    fireEvent.click(screen.getByRole('button', { name: 'Edit /thanks' }));
    form = screen.getByRole('form', { name: 'Edit canned reply' });
    fill(form, 'Text', 'Many thanks!');
    fireEvent.click(within(form).getByRole('button', { name: 'Save reply' }));
    expect(await screen.findByText('Many thanks!')).toBeTruthy();

    vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);
    fireEvent.click(screen.getByRole('button', { name: 'Delete /thanks' }));
    expect(api.deleteCanned).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Delete /thanks' }));
    expect(await screen.findByText('No canned replies yet.')).toBeTruthy();
  });

  it("puts a malformed shortcut's rule in words next to the field", async () => {
    const { api } = fakeDeskApi();
    api.createCanned.mockRejectedValueOnce(
      new ApiError(
        400,
        'KEFU_ERR_VALIDATION',
        'body/shortcut must match pattern "^[a-z0-9]"',
        'body/shortcut',
      ),
    );
    useLang.getState().setLang('zh');
    render(<CannedSettings api={api} />);
    await screen.findByText('还没有快捷回复。');
    fireEvent.click(screen.getByRole('button', { name: '新建快捷回复' }));
    const form = screen.getByRole('form', { name: '新建快捷回复' });
    fill(form, '快捷码', 'Hello World');
    fill(form, '标题', '问候');
    fill(form, '内容', '您好');
    fireEvent.click(within(form).getByRole('button', { name: '保存回复' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('小写字母');
  });
});
