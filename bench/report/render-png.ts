// SVG → PNG with Debian's Chromium through playwright-core: nothing downloaded, same fonts every run.
import fs from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';

export async function renderPngs(charts: { svg: string; file: string }[]): Promise<string | null> {
  if (!fs.existsSync(CHROMIUM)) return `${CHROMIUM} not found: charts written as SVG only`;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 2 });
    for (const { svg, file } of charts) {
      await page.setContent(`<html><body style="margin:0">${svg}</body></html>`);
      await page.locator('svg').screenshot({ path: file });
    }
    return null;
  } finally {
    await browser.close();
  }
}
