import type { Page } from 'playwright-core';

/** One knowledge-base article as the owner writes it. */
export interface Article {
  question: string;
  /** Other ways customers ask it. */
  phrasings: string[];
  answer: string;
  locale: 'en' | 'zh-CN';
  tags?: string[];
}

/** The console's knowledge-base page, driven as an owner does it (English words). */
export class KbPage {
  constructor(readonly page: Page) {}

  readonly articles = () => this.page.getByRole('table', { name: 'Articles' });

  async open(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Knowledge base' })
      .click();
    await this.page.getByRole('heading', { name: 'Knowledge base' }).waitFor();
  }

  /** Types an article into the "New article" form and waits for it in the list. */
  async write(article: Article): Promise<void> {
    await this.page.getByRole('button', { name: 'New article' }).click();
    const form = this.page.getByRole('form', { name: 'New article' });
    await form.getByLabel('Question').fill(article.question);
    await form.getByLabel('Other ways to ask (one per line)').fill(article.phrasings.join('\n'));
    await form.getByLabel('Answer').fill(article.answer);
    await form.getByLabel('Language').selectOption(article.locale);
    await form.getByRole('button', { name: 'Save article' }).click();
    await this.articles().getByText(article.question, { exact: true }).waitFor();
  }

  /** Chooses a CSV file of articles in the import box; resolves once the page reports them imported. */
  async importCsv(articles: Article[]): Promise<void> {
    const cell = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
    const csv = [
      'question,phrasings,answer,tags,locale',
      ...articles.map((a) =>
        [a.question, a.phrasings.join('|'), a.answer, (a.tags ?? []).join('|'), a.locale].map(cell).join(','),
      ),
    ].join('\n');
    await this.page.getByLabel('Import a CSV or JSON file').setInputFiles({
      name: 'faq.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await this.page.getByText(`Articles imported: ${articles.length}`).waitFor();
  }
}
