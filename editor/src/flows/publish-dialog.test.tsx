import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useLang } from './i18n';
import { PublishDialog, RollbackDialog } from './publish-dialog';

const THIS = '0123456789abcdef00000009';
const OTHER = '0123456789abcdef00000001';

const answer = (body: unknown, status = 200) =>
  Promise.resolve(
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  );
const lineups = (flows: unknown[]) => ({ items: [{ trigger: 'message-received', flows }] });
const other = { id: OTHER, name: 'Out of hours', activeVersion: 3, entry: { hours: 'closed' } };

describe('PublishDialog', () => {
  beforeEach(() => useLang.getState().setLang('en'));
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('names the other live flows of the trigger and says this one goes after them, before publishing', async () => {
    vi.stubGlobal('fetch', () => answer(lineups([other])));
    const confirm = vi.fn();
    const cancel = vi.fn();
    render(<PublishDialog flowId={THIS} trigger="message-received" onConfirm={confirm} onCancel={cancel} />);
    const dialog = await screen.findByRole('dialog', { name: 'Publish this flow?' });
    await within(dialog).findByText(/Also live for this trigger/);
    expect(dialog.textContent).toContain('Out of hours v3 — out of hours');
    expect(dialog.textContent).toContain('This flow goes live after them');
    expect(confirm).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Publish' }));
    expect(confirm).toHaveBeenCalledOnce();
  });

  it('says a live flow keeps its place, and that nothing else is live when alone (in Chinese too)', async () => {
    vi.stubGlobal('fetch', () =>
      answer(lineups([other, { id: THIS, name: 'Routing', activeVersion: 1, entry: {} }])),
    );
    render(
      <PublishDialog flowId={THIS} trigger="message-received" onConfirm={() => {}} onCancel={() => {}} />,
    );
    expect(await screen.findByText(/keeps its place \(2\)/)).toBeTruthy();
    cleanup();
    vi.stubGlobal('fetch', () => answer(lineups([])));
    useLang.getState().setLang('zh');
    render(
      <PublishDialog flowId={THIS} trigger="message-received" onConfirm={() => {}} onCancel={() => {}} />,
    );
    expect(await screen.findByText('此触发器下没有其他生效流程。')).toBeTruthy();
    expect(screen.getByRole('dialog', { name: '发布此流程？' })).toBeTruthy();
  });

  it('shows loading while the lineup request is held (publish waits) and an error with a retry when it fails', async () => {
    let release: (r: Response) => void = () => {};
    let held = true;
    vi.stubGlobal('fetch', () =>
      held ? new Promise<Response>((resolve) => (release = resolve)) : answer(lineups([other])),
    );
    const cancel = vi.fn();
    render(<PublishDialog flowId={THIS} trigger="message-received" onConfirm={() => {}} onCancel={cancel} />);
    expect(screen.getByText('Loading…')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Publish' })).toHaveProperty('disabled', true);
    release(new Response('{"statusCode":503,"code":"KEFU_ERR_UNAVAILABLE","message":"x"}', { status: 503 }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load');
    held = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Out of hours')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(cancel).toHaveBeenCalledOnce();
  });
});

describe('RollbackDialog', () => {
  afterEach(cleanup);

  it('asks before a rollback goes live', () => {
    useLang.getState().setLang('en');
    const confirm = vi.fn();
    const cancel = vi.fn();
    render(<RollbackDialog version={2} onConfirm={confirm} onCancel={cancel} />);
    const dialog = screen.getByRole('dialog', { name: 'Roll back to version v2?' });
    expect(dialog.textContent).toContain('goes live now');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(cancel).toHaveBeenCalledOnce();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Roll back' }));
    expect(confirm).toHaveBeenCalledOnce();
  });
});
