import { chromium } from 'playwright-core';

export interface PdfConfig {
  /** The headless Chromium binary (KEFU_CHROMIUM_PATH, default /usr/bin/chromium). */
  chromiumPath: string;
}

/**
 * Prints a self-contained HTML page to PDF with headless Chromium (page.pdf). A browser per report:
 * the report is weekly, and a browser left running between weeks would hold memory for nothing.
 * The page reaches no network: the HTML carries its styles and SVG, and requests are refused.
 */
export async function printPdf(config: PdfConfig, html: string): Promise<Buffer> {
  const browser = await chromium.launch({
    executablePath: config.chromiumPath,
    args: ['--no-sandbox', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}

/** Pages of a PDF: its page objects (`/Type /Page`, not the `/Pages` tree nodes). */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}
