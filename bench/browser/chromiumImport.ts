// Chromium half of the import benchmark: bundles importPage.ts, opens it in headless system Chromium, hands it
// the benchmark file through a file input (a disk-backed File, nothing copied) and reads back the timings.

import { bundleForBrowser, launchBenchChromium } from './chromium';
import { row, type ImportBenchRow } from '../importBench';

interface PageBench {
  bareParse(file: Blob): Promise<number>;
  ourImport(file: Blob): Promise<{ seconds: number; events: number }>;
}

export async function runChromiumImportPair(
  path: string,
  megabytes: number,
  repeats: number,
): Promise<ImportBenchRow[]> {
  const script = await bundleForBrowser(new URL('./importPage.ts', import.meta.url));
  const browser = await launchBenchChromium();
  try {
    const page = await browser.newPage();
    await page.setContent('<input type="file" id="file">');
    await page.addScriptTag({ content: script });
    await page.setInputFiles('#file', path);
    let bare = Infinity;
    let ours = Infinity;
    for (let i = 0; i < repeats; i++) {
      const bareSeconds = await page.evaluate(() => {
        const input = document.getElementById('file') as HTMLInputElement;
        return (globalThis as unknown as { importBench: PageBench }).importBench.bareParse(input.files![0]);
      });
      bare = Math.min(bare, bareSeconds);
      const run = await page.evaluate(() => {
        const input = document.getElementById('file') as HTMLInputElement;
        return (globalThis as unknown as { importBench: PageBench }).importBench.ourImport(input.files![0]);
      });
      ours = Math.min(ours, run.seconds);
    }
    return [
      row('papaparse bare parse', 'chromium', megabytes, bare, bare),
      row('importDataset', 'chromium', megabytes, ours, bare),
    ];
  } finally {
    await browser.close();
  }
}
