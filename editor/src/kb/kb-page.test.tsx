import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { KbArticleBody, KbArticleWire, Page } from '@kefu/schemas/api';
import { useLang } from '../flows/i18n';
import { ApiError } from '../shared/http';
import { KbPage } from './kb-page';
import type { KbApi, KbFilter } from './kb-api';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});
beforeEach(() => useLang.getState().setLang('en'));

const at = '2026-01-01T00:00:00.000Z';

/** Articles in memory, filtered as the API filters them; a taken question is refused on its field. */
function fakeApi(seed: Partial<KbArticleWire>[] = []) {
  const articles: KbArticleWire[] = seed.map((a, i) => ({
    id: `a${i + 1}`,
    question: 'Q',
    phrasings: [],
    answer: 'A',
    tags: [],
    locale: 'en',
    enabled: true,
    updatedAt: at,
    ...a,
  }));
  const taken = (question: string, id?: string) =>
    articles.some((a) => a.question === question && a.id !== id) &&
    new ApiError(409, 'KEFU_ERR_CONFLICT', 'An article with this question already exists', 'body/question');
  const api: KbApi = {
    list: vi.fn(async (filter: KbFilter): Promise<Page<KbArticleWire>> => ({
      items: articles.filter(
        (a) =>
          (!filter.q || a.question.toLowerCase().includes(filter.q.toLowerCase())) &&
          (filter.enabled === undefined || a.enabled === filter.enabled) &&
          (!filter.locale || a.locale === filter.locale),
      ),
      nextCursor: null,
    })),
    create: vi.fn(async (body: KbArticleBody) => {
      const refused = taken(body.question);
      if (refused) throw refused;
      const article: KbArticleWire = {
        id: `a${articles.length + 1}`,
        updatedAt: at,
        ...body,
        phrasings: body.phrasings ?? [],
        tags: body.tags ?? [],
        locale: body.locale ?? 'zh-CN',
        enabled: body.enabled ?? true,
      };
      articles.push(article);
      return article;
    }),
    update: vi.fn(async (id: string, change: Partial<KbArticleBody>) => {
      const article = articles.find((a) => a.id === id)!;
      const refused = change.question && taken(change.question, id);
      if (refused) throw refused;
      Object.assign(article, change);
      return article;
    }),
    remove: vi.fn(async (id: string) => {
      articles.splice(
        articles.findIndex((a) => a.id === id),
        1,
      );
    }),
    importFile: vi.fn(async () => ({
      imported: 1,
      problems: [{ row: 3, field: 'answer', code: 'empty-answer', message: 'The answer is empty' }],
    })),
    exportHref: (format) => `/kb/export?format=${format}`,
  };
  return { api, articles };
}

const table = () => screen.findByRole('table', { name: 'Articles' });

describe('knowledge-base screen', () => {
  it('shows the loading state while the list is slow, then the empty state', async () => {
    let answer!: (page: Page<KbArticleWire>) => void;
    const { api } = fakeApi();
    api.list = () => new Promise((resolve) => (answer = resolve));
    render(<KbPage api={api} />);
    expect(screen.getByRole('status').textContent).toBe('Loading articles…');
    answer({ items: [], nextCursor: null });
    expect(await screen.findByText(/No articles yet/)).toBeTruthy();
  });

  it('shows a failed list as an error with a retry that loads it', async () => {
    const { api } = fakeApi([{ question: 'How long does delivery take?' }]);
    const list = api.list;
    api.list = vi.fn().mockRejectedValueOnce(new Error('down')).mockImplementation(list);
    render(<KbPage api={api} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the articles.');
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(within(await table()).getByText('How long does delivery take?')).toBeTruthy();
  });

  it('creates an article, and shows a taken question next to the question field', async () => {
    const { api } = fakeApi([{ question: 'Where is my order?' }]);
    render(<KbPage api={api} />);
    await table();
    fireEvent.click(screen.getByRole('button', { name: 'New article' }));
    const form = screen.getByRole('form', { name: 'New article' });
    fireEvent.change(within(form).getByLabelText('Question'), { target: { value: 'Where is my order?' } });
    fireEvent.change(within(form).getByLabelText('Answer'), { target: { value: 'On its way.' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save article' }));
    const question = within(form).getByLabelText('Question');
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'An article with this question already exists',
    );
    expect(question.getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(question, { target: { value: '怎么退货？' } });
    fireEvent.change(within(form).getByLabelText('Other ways to ask (one per line)'), {
      target: { value: '可以退货吗\n 退款 \n' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Save article' }));
    expect(await within(await table()).findByText('怎么退货？')).toBeTruthy();
    expect(api.create).toHaveBeenLastCalledWith({
      question: '怎么退货？',
      phrasings: ['可以退货吗', '退款'],
      answer: 'On its way.',
      tags: [],
      locale: 'zh-CN',
      enabled: true,
    });
    expect(screen.queryByRole('form')).toBeNull();
  });

  it("names an article's language in the page's language, not by its code alone", async () => {
    useLang.getState().setLang('zh');
    const { api } = fakeApi([
      { question: 'Opening hours?', locale: 'en' },
      { question: '营业时间？', locale: 'zh-CN' },
      { question: 'Öffnungszeiten?', locale: 'de' },
    ]);
    render(<KbPage api={api} />);
    const rows = within(await screen.findByRole('table', { name: '文章' })).getAllByRole('row');
    expect(rows.slice(1).map((row) => within(row).getAllByRole('cell')[1]!.textContent)).toEqual([
      '英文（en）',
      '中文（zh-CN）',
      'de',
    ]);
  });

  it('edits, disables, filters and deletes (after confirming) an article', async () => {
    const { api } = fakeApi([
      { question: 'Opening hours?', locale: 'en' },
      { question: '营业时间？', locale: 'zh-CN' },
    ]);
    render(<KbPage api={api} />);
    await table();
    fireEvent.click(screen.getByRole('button', { name: 'Edit: Opening hours?' }));
    const form = screen.getByRole('form', { name: 'Edit article' });
    fireEvent.change(within(form).getByLabelText('Answer'), { target: { value: 'Mon-Fri 9-18' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save article' }));
    await vi.waitFor(() =>
      expect(api.update).toHaveBeenCalledWith('a1', expect.objectContaining({ answer: 'Mon-Fri 9-18' })),
    );

    fireEvent.click(await screen.findByRole('checkbox', { name: 'Enabled: Opening hours?' }));
    await vi.waitFor(() => expect(api.update).toHaveBeenLastCalledWith('a1', { enabled: false }));
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'false' } });
    await vi.waitFor(() => expect(api.list).toHaveBeenLastCalledWith({ enabled: false }, undefined));
    expect(within(await table()).queryByText('营业时间？')).toBeNull();
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Article language'), { target: { value: 'zh-CN' } });
    await vi.waitFor(() =>
      expect(within(screen.getByRole('table')).queryByText('Opening hours?')).toBeNull(),
    );

    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);
    fireEvent.click(screen.getByRole('button', { name: 'Delete: 营业时间？' }));
    expect(api.remove).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Delete: 营业时间？' }));
    expect(await screen.findByText('No article matches.')).toBeTruthy();
    expect(confirm).toHaveBeenCalledTimes(2);
  });

  it("moves an article's switch at once, and back when the change is refused", async () => {
    const { api } = fakeApi([{ question: 'Opening hours?' }]);
    let refuse!: (err: Error) => void;
    api.update = vi.fn(() => new Promise<KbArticleWire>((_, reject) => (refuse = reject)));
    render(<KbPage api={api} />);
    const toggle = (await screen.findByRole('checkbox', {
      name: 'Enabled: Opening hours?',
    })) as HTMLInputElement;
    fireEvent.click(toggle);
    expect(toggle.checked).toBe(false);
    refuse(new ApiError(403, 'KEFU_ERR_FORBIDDEN', 'Only owners may do this'));
    expect((await screen.findByRole('alert')).textContent).toContain('Only owners may do this');
    expect(toggle.checked).toBe(true);
  });

  it('imports a file and lists each row it refused with its field', async () => {
    const { api } = fakeApi();
    render(<KbPage api={api} />);
    await screen.findByText(/No articles yet/);
    const file = new File(['question,answer\nA,B\n,\n'], 'faq.csv', { type: 'text/csv' });
    fireEvent.change(screen.getByLabelText('Import a CSV or JSON file'), { target: { files: [file] } });
    const problems = await screen.findByRole('table', { name: 'Rows not imported' });
    expect(
      within(problems)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['3', 'answer', 'The answer is empty']);
    expect(api.importFile).toHaveBeenCalledWith('csv', btoa('question,answer\nA,B\n,\n'));
    expect(screen.getByText('Articles imported: 1')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Import a CSV or JSON file'), {
      target: { files: [new File(['x'], 'faq.xlsx')] },
    });
    expect((await screen.findByRole('alert')).textContent).toContain('Choose a .csv or .json file.');
    expect(screen.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toBe(
      '/kb/export?format=csv',
    );
  });

  it('speaks Chinese', async () => {
    useLang.getState().setLang('zh');
    const { api } = fakeApi();
    render(<KbPage api={api} />);
    expect(await screen.findByText(/还没有文章/)).toBeTruthy();
    expect(screen.getByRole('heading', { name: '知识库' })).toBeTruthy();
  });
});
