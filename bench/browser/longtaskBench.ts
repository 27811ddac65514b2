// The main thread while the dual LSTM trains in the lab's worker on WASM: the app is built and served by Vite's
// preview server, headless Chromium drives the real page (demo dataset → Train → Dual LSTM, Workers 1 and 2: with 2
// the lab worker spawns a replica sub-worker), and a PerformanceObserver installed before any page script records
// every long task. Two phases: while training (a fixed watch window) and the run's end (final record, runs list,
// saved curves, weight histograms). Each run is a fresh page; the bench reports the median of the runs. This is a figure, not a gate: it moved here from the e2e suite, where a loaded machine's
// noise failed landings (issue 18).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview } from 'vite';
import type { Page } from 'playwright-core';
import { launchBenchChromium } from './chromium';
import { median } from '../median';

export interface LongTaskRow {
  environment: 'chromium';
  model: 'dual';
  /** the Train screen's Workers setting: the lab worker and workers − 1 replica sub-workers */
  workers: number;
  phase: 'training' | 'end';
  longestTaskMs: number;
  p95TaskMs: number;
  tasksOver50: number;
  /** runs the median is taken over */
  runs: number;
}

interface Task {
  start: number;
  duration: number;
}

interface PhaseFigures {
  longestTaskMs: number;
  p95TaskMs: number;
  tasksOver50: number;
}

/** Installed before any page script runs (buffered covers the observer's own start). */
function recordLongTasks(): void {
  const seen: { start: number; duration: number }[] = [];
  (window as unknown as { __longTasks: typeof seen }).__longTasks = seen;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) seen.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

function readTasks(page: Page, from: number, to = Number.POSITIVE_INFINITY): Promise<Task[]> {
  return page.evaluate(
    ([t0, t1]) =>
      (window as unknown as { __longTasks: Task[] }).__longTasks.filter((e) => e.start >= t0 && e.start < t1),
    [from, to] as const,
  );
}

const now = (page: Page) => page.evaluate(() => performance.now());

/**
 * Long tasks are those over 50 ms (the browser reports no shorter ones), so the p95 is over the long tasks seen;
 * a phase without any long task reads 0 everywhere.
 */
export function phaseFigures(tasks: readonly Task[]): PhaseFigures {
  const d = tasks.map((t) => t.duration).sort((a, b) => a - b);
  if (d.length === 0) return { longestTaskMs: 0, p95TaskMs: 0, tasksOver50: 0 };
  return {
    longestTaskMs: d[d.length - 1],
    p95TaskMs: d[Math.min(d.length - 1, Math.ceil(0.95 * d.length) - 1)],
    tasksOver50: d.filter((x) => x > 50).length,
  };
}

/** Median of each figure over the runs (runs are independent pages, so per-figure medians are fair). */
export function medianFigures(runs: readonly PhaseFigures[]): PhaseFigures {
  return {
    longestTaskMs: median(runs.map((r) => r.longestTaskMs)),
    p95TaskMs: median(runs.map((r) => r.p95TaskMs)),
    tasksOver50: median(runs.map((r) => r.tasksOver50)),
  };
}

/**
 * A fresh page with the demo dataset, on the Train screen set for a dual LSTM on WASM on `workers` workers, with
 * more epochs than a watch window holds (no early stop), so the worker trains throughout it.
 */
export async function prepareDualTraining(page: Page, workers: number): Promise<void> {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByRole('button', { name: 'Use the demo dataset' }).click();
  await page.getByRole('heading', { name: 'Demo dataset' }).waitFor({ timeout: 120_000 });
  await page
    .getByRole('button', { name: /Train$/ })
    .first()
    .click();
  await page.getByRole('radio', { name: 'Dual LSTM' }).check();
  await page.getByRole('combobox', { name: 'Backend' }).selectOption('wasm');
  await page.locator('.badge', { hasText: 'wasm' }).waitFor({ timeout: 60_000 });
  await page.getByLabel('Epochs').fill('30');
  await page.getByLabel('Early-stop patience').fill('0');
  await page.getByRole('spinbutton', { name: 'Workers', exact: true }).fill(String(workers));
  await page.getByRole('spinbutton', { name: 'Workers', exact: true }).blur();
}

async function oneRun(
  page: Page,
  watchMs: number,
  workers: number,
): Promise<{ training: PhaseFigures; end: PhaseFigures }> {
  await prepareDualTraining(page, workers);
  const train = page.getByRole('button', { name: 'Train Dual LSTM' });
  for (let i = 0; i < 600 && !(await train.isEnabled()); i++) await page.waitForTimeout(100);
  // the window starts at the click: the run's start (live panel, fresh charts) is part of training
  const startedAt = await now(page);
  await train.click();
  const row = page.getByTestId('run-row').first();
  await page.waitForFunction(
    () =>
      Number(document.querySelector<HTMLProgressElement>('[data-testid="live-status"] progress')?.value) > 0,
    undefined,
    { timeout: 120_000, polling: 100 },
  );
  await page.waitForTimeout(watchMs);
  const stoppedAt = await now(page);
  const training = phaseFigures(await readTasks(page, startedAt, stoppedAt));
  if ((await row.getAttribute('data-status')) === 'running')
    await page.getByRole('button', { name: 'Stop dual #1' }).click();
  await page
    .locator('[data-testid="run-row"]:not([data-status="running"])')
    .first()
    .waitFor({ timeout: 60_000 });
  // the end is over when the last weight histogram is drawn, plus a moment to settle
  await page
    .getByTestId('weight-tensor')
    .last()
    .locator('.weights-chart canvas, .weights-chart svg')
    .waitFor({
      timeout: 60_000,
    });
  await page.waitForTimeout(1000);
  const end = phaseFigures(await readTasks(page, stoppedAt));
  return { training, end };
}

export async function runLongTaskBench(options: {
  runs: number;
  watchMs: number;
  /** one row pair per worker count, measured in turn (default 1 and 2) */
  workers?: readonly number[];
  log?: (line: string) => void;
}): Promise<LongTaskRow[]> {
  const log = options.log ?? (() => {});
  const outDir = mkdtempSync(join(tmpdir(), 'tag-lab-longtask-'));
  log('longtask: building the app…');
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await preview({
    logLevel: 'warn',
    build: { outDir },
    preview: { port: 4700, strictPort: false },
  });
  const origin = server.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? 'http://127.0.0.1:4700';
  const browser = await launchBenchChromium();
  const counts = options.workers ?? [1, 2];
  const results = new Map<number, { training: PhaseFigures; end: PhaseFigures }[]>(
    counts.map((w) => [w, []]),
  );
  try {
    // the worker counts alternate run by run, so a load change on the machine touches both alike
    for (let i = 0; i < options.runs; i++) {
      for (const workers of counts) {
        const context = await browser.newContext({ baseURL: origin, viewport: { width: 1360, height: 900 } });
        const page = await context.newPage();
        await page.addInitScript(recordLongTasks);
        const r = await oneRun(page, options.watchMs, workers);
        log(
          `longtask run ${i + 1}/${options.runs}, ${workers} worker(s): training longest ` +
            `${r.training.longestTaskMs.toFixed(0)} ms (${r.training.tasksOver50} over 50 ms), end longest ` +
            `${r.end.longestTaskMs.toFixed(0)} ms`,
        );
        results.get(workers)!.push(r);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    rmSync(outDir, { recursive: true, force: true });
  }
  return counts.flatMap((workers) =>
    (['training', 'end'] as const).map((phase) => ({
      environment: 'chromium' as const,
      model: 'dual' as const,
      workers,
      phase,
      ...medianFigures(results.get(workers)!.map((r) => r[phase])),
      runs: options.runs,
    })),
  );
}

export function formatLongTaskRows(rows: readonly LongTaskRow[]): string {
  const head =
    'environment  model  workers  phase      longest ms   p95 ms   tasks > 50 ms   (median of runs)';
  const lines = rows.map((r) =>
    [
      r.environment.padEnd(11),
      r.model.padEnd(5),
      String(r.workers).padStart(7),
      r.phase.padEnd(9),
      r.longestTaskMs.toFixed(0).padStart(11),
      r.p95TaskMs.toFixed(0).padStart(8),
      String(r.tasksOver50).padStart(15),
      `   ${r.runs}`,
    ].join('  '),
  );
  return [head, ...lines].join('\n');
}
