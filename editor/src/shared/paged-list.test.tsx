import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useLang } from '../flows/i18n';
import { PagedList } from './paged-list';
import type { Paged } from './use-paged';

afterEach(cleanup);
beforeEach(() => useLang.getState().setLang('en'));

const words = { loading: 'Loading…', failed: 'Could not load.', retry: 'Retry' };

function paged(over: Partial<Paged<string>>): Paged<string> {
  return {
    state: 'ready',
    items: [],
    next: null,
    loadingMore: false,
    more: vi.fn(),
    reload: vi.fn(),
    ...over,
  };
}

function show(p: Paged<string>) {
  return render(
    <PagedList paged={p} words={words} empty={<p>Nothing here</p>} label="Things">
      {(items) => (
        <ul>
          {items.map((i) => (
            <li key={i}>{i}</li>
          ))}
        </ul>
      )}
    </PagedList>,
  );
}

describe('PagedList', () => {
  it('says it is loading, then shows the rows with their foot', () => {
    const { rerender } = show(paged({ state: 'loading' }));
    expect(screen.getByRole('status').textContent).toContain('Loading…');
    rerender(
      <PagedList
        paged={paged({ items: ['a', 'b'], total: 5, next: 'c2' })}
        words={words}
        empty="-"
        label="Things"
      >
        {(items) => <span>{items.join(',')}</span>}
      </PagedList>,
    );
    expect(screen.getByText('a,b')).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Things' }).textContent).toContain('2 of 5');
  });

  it('is empty only when nothing is left to fetch', () => {
    show(paged({}));
    expect(screen.getByText('Nothing here')).toBeTruthy();
  });

  it('keeps searching, not "empty", when a filtered page came back short with more behind it', () => {
    const more = vi.fn();
    show(paged({ next: 'c1', scannedTo: '2026-12-01T00:00:00.000Z', more }));
    expect(screen.queryByText('Nothing here')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Search further' }));
    expect(more).toHaveBeenCalledOnce();
  });

  it('offers a retry when the first page failed', () => {
    const reload = vi.fn();
    show(paged({ state: 'failed', reload }));
    expect(screen.getByRole('alert').textContent).toContain('Could not load.');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(reload).toHaveBeenCalledOnce();
  });
});
