// Scoring every user on the page with 1 and 2 workers: the built app in headless Chromium, the demo dataset (10,000
// users), a dual LSTM trained for one epoch on WASM, then the Export screen's "Score all users" timed by the page
// itself (its summary: export, backend, spawning the sub-workers and scoring), the worker counts alternating round by
// round so a load change touches both alike. Reports the median per worker count and the ratio to one worker.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview } from 'vite';
import type { Page } from 'playwright-core';
import { launchBenchChromium } from './chromium';
import { median } from '../median';

export interface PageScoreRow {
  environment: 'chromium-page';
  model: 'dual';
  workers: number;
  users: number;
  /** median over the rounds */
  seconds: number;
  usersPerSec: number;
  ratioToOneWorker: number | null;
  rounds: number;
}

const nav = (page: Page, name: RegExp) => page.getByRole('navigation').getByRole('button', { name }).click();

async function setWorkers(page: Page, workers: number): Promise<void> {
  await nav(page, /Train$/);
  const field = page.getByRole('spinbutton', { name: 'Workers', exact: true });
  await field.fill(String(workers));
  await field.blur();
}

async function trainDual(page: Page): Promise<void> {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByRole('button', { name: 'Use the demo dataset' }).click();
  await page.getByRole('heading', { name: 'Demo dataset' }).waitFor({ timeout: 120_000 });
  await nav(page, /Rules$/);
  await page.getByLabel('Cap the sample at (users, 0 = no cap)').fill('600');
  await nav(page, /Train$/);
  await page.getByRole('radio', { name: 'Dual LSTM' }).check();
  await page.getByRole('combobox', { name: 'Backend' }).selectOption('wasm');
  await page.locator('.badge', { hasText: 'wasm' }).waitFor({ timeout: 60_000 });
  await page.getByLabel('Epochs').fill('1');
  await setWorkers(page, 1);
  await page.getByRole('button', { name: /^Train Dual LSTM/ }).click();
  await page.locator('[data-testid="run-row"][data-status="done"]').waitFor({ timeout: 300_000 });
}

/** Scores every user on `workers` workers; the seconds the page reports. */
async function scoreOnce(page: Page, workers: number, round: number): Promise<number> {
  await setWorkers(page, workers);
  await nav(page, /Export$/);
  const summary = page.getByTestId('score-summary');
  const before = (await summary.count()) > 0 ? await summary.textContent() : null;
  await page.getByRole('button', { name: /Score all users|Score again/ }).click();
  // the summary changes when this scoring ends (its worker count or its time differ from the one before)
  await page.waitForFunction(
    ([old]) => {
      const text = document.querySelector('[data-testid="score-summary"]')?.textContent ?? null;
      return text !== null && text !== old && !document.querySelector('[aria-label="Scoring progress"]');
    },
    [before] as const,
    { timeout: 600_000, polling: 100 },
  );
  const text = (await summary.textContent()) ?? '';
  const match = /in ([\d.]+) s on \w+, (\d+) workers?/.exec(text);
  if (!match || Number(match[2]) !== workers)
    throw new Error(`round ${round}: unexpected summary "${text}" for ${workers} workers`);
  return Number(match[1]);
}

export async function runPageScoreBench(options: {
  rounds: number;
  log?: (line: string) => void;
}): Promise<PageScoreRow[]> {
  const log = options.log ?? (() => {});
  const outDir = mkdtempSync(join(tmpdir(), 'tag-lab-pagescore-'));
  log('pagescore: building the app…');
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await preview({ logLevel: 'warn', build: { outDir }, preview: { port: 4710 } });
  const origin = server.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? 'http://127.0.0.1:4710';
  const browser = await launchBenchChromium();
  const seconds = new Map<number, number[]>([
    [1, []],
    [2, []],
  ]);
  try {
    const context = await browser.newContext({ baseURL: origin, viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    await trainDual(page);
    for (let round = 1; round <= options.rounds; round++) {
      for (const workers of round % 2 ? [1, 2] : [2, 1]) {
        const s = await scoreOnce(page, workers, round);
        log(`pagescore round ${round}: ${workers} worker(s) ${s.toFixed(1)} s`);
        seconds.get(workers)!.push(s);
      }
    }
    await context.close();
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    rmSync(outDir, { recursive: true, force: true });
  }
  const users = 10_000;
  const one = median(seconds.get(1)!);
  return [1, 2].map((workers) => {
    const s = median(seconds.get(workers)!);
    return {
      environment: 'chromium-page',
      model: 'dual',
      workers,
      users,
      seconds: s,
      usersPerSec: users / s,
      ratioToOneWorker: workers === 1 ? null : one / s,
      rounds: options.rounds,
    };
  });
}

export function formatPageScoreRows(rows: readonly PageScoreRow[]): string {
  const head =
    'environment     model  workers   users    seconds   users/s   × 1 worker   (median of rounds)';
  const lines = rows.map((r) =>
    [
      r.environment.padEnd(14),
      r.model.padEnd(5),
      String(r.workers).padStart(7),
      r.users.toLocaleString('en-US').padStart(7),
      r.seconds.toFixed(1).padStart(9),
      Math.round(r.usersPerSec).toLocaleString('en-US').padStart(8),
      (r.ratioToOneWorker === null ? '–' : r.ratioToOneWorker.toFixed(2)).padStart(11),
      `   ${r.rounds}`,
    ].join('  '),
  );
  return [head, ...lines].join('\n');
}
