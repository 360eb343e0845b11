/**
 * The report as a PDF (A4 landscape, for the width of the tables; Chinese text embedded): its HTML (reports/html.ts) printed by
 * Chromium — Debian's, driven by playwright-core as the browser tests do — whose printing embeds
 * the subset of the installed CJK font (fonts-wqy-zenhei) the text uses.
 */
import { chromium } from 'playwright-core';
import { reportHtml } from './html';
import type { Report } from './report';

export const CHROMIUM = process.env.GREENLIGHT_CHROMIUM ?? '/usr/bin/chromium';

export async function reportPdf(report: Report): Promise<Buffer> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    await page.setContent(reportHtml(report), { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
