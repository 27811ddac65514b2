// Chromium half of the import benchmark: bundles importPage.ts, opens it in headless system Chromium, hands it
// the benchmark file through a file input (a disk-backed File, nothing copied) and reads back the timings.

import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { row, type ImportBenchRow } from '../importBench';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

interface PageBench {
  bareParse(file: Blob): Promise<number>;
  ourImport(file: Blob): Promise<{ seconds: number; events: number }>;
}

async function bundlePage(): Promise<string> {
  const entry = fileURLToPath(new URL('./importPage.ts', import.meta.url));
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
  });
  return out.outputFiles[0].text;
}

export async function runChromiumImportPair(
  path: string,
  megabytes: number,
  repeats: number,
): Promise<ImportBenchRow[]> {
  const script = await bundlePage();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
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
