// Chromium printing HTML to PDF with one reused tab: the usual way HTML
// leaflets become PDFs. Used by bench/batch.bench.js as a peer.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export async function chromiumRate(htmlFiles, { warmup = 3 } = {}) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    const print = async (file) => {
      await page.setContent(readFileSync(file, 'utf8'), { waitUntil: 'load' });
      return page.pdf({ format: 'A4', printBackground: true });
    };
    for (const f of htmlFiles.slice(0, warmup)) await print(f);
    const start = performance.now();
    for (const f of htmlFiles) await print(f);
    const seconds = (performance.now() - start) / 1000;
    return { count: htmlFiles.length, seconds, rate: htmlFiles.length / seconds };
  } finally {
    await browser.close();
  }
}
