// The page stays usable while the dual LSTM trains in the worker on WASM: progress keeps arriving, the controls answer
// while it does, and the run's end (final record, runs list, saved curves, weight histograms) renders without console
// errors. How long the main thread is held is a figure, not a gate: `npm run bench` measures it (bench/browser/
// longtaskBench.ts), because a timed assertion here turned a loaded machine's noise into failed landings.

import { expect, test } from '@playwright/test';
import { watchConsole } from './helpers/files';

test.setTimeout(180_000);

/** The batch counter of the live status ("batch 12 of 1,250"). */
function batchesDone(text: string | null): number {
  const match = /batch ([\d,]+) of/.exec(text ?? '');
  return match ? Number(match[1].replace(/,/g, '')) : 0;
}

test('progress arrives and the controls answer while the dual LSTM trains on WASM; its end renders cleanly', async ({
  page,
}) => {
  const console = watchConsole(page);
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByRole('button', { name: 'Use the demo dataset' }).click();
  await expect(page.getByRole('heading', { name: 'Demo dataset' })).toBeVisible({ timeout: 60_000 });

  await page
    .getByRole('button', { name: /Train$/ })
    .first()
    .click();
  await page.getByRole('radio', { name: 'Dual LSTM' }).check();
  await page.getByRole('combobox', { name: 'Backend' }).selectOption('wasm');
  await expect(page.locator('.badge')).toContainText('wasm', { timeout: 30_000 });
  // more epochs than the test waits for, so the worker is still training when the controls are tried
  await page.getByLabel('Epochs').fill('30');
  await page.getByLabel('Early-stop patience').fill('0');
  await expect(page.getByRole('button', { name: 'Train Dual LSTM' })).toBeEnabled({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Train Dual LSTM' }).click();

  const row = page.getByTestId('run-row').first();
  await expect(row).toHaveAttribute('data-status', 'running', { timeout: 30_000 });
  const status = page.getByTestId('live-status');
  await expect(status).toContainText('dual #1');

  // progress keeps arriving: the batch counter moves, then moves again
  await expect
    .poll(async () => batchesDone(await status.textContent()), { timeout: 60_000 })
    .toBeGreaterThan(0);
  const first = batchesDone(await status.textContent());
  await expect
    .poll(async () => batchesDone(await status.textContent()), { timeout: 60_000 })
    .toBeGreaterThan(first);

  // the controls answer while the worker trains: the smoothing slider moves and its value shows
  const smoothing = page.locator('.smoothing input');
  await smoothing.focus();
  await smoothing.press('Home');
  await expect(page.locator('.smoothing output')).toHaveText('0.00');
  // the curves take the progress (epoch points or the per-batch line)
  await expect(page.getByTestId('chart-accuracy').locator('.curve-line').first()).toBeVisible({
    timeout: 60_000,
  });
  await expect(row).toHaveAttribute('data-status', 'running');

  // the run's end: Stop, the record settles, the saved curves and every weight histogram render
  await page.getByRole('button', { name: 'Stop dual #1' }).click();
  await expect(row).toHaveAttribute('data-status', 'stopped', { timeout: 60_000 });
  const tensors = page.getByTestId('weight-tensor');
  await expect(tensors.first()).toBeVisible({ timeout: 30_000 });
  await expect(tensors.last().locator('.weights-chart svg')).toHaveCount(1, { timeout: 30_000 });
  await expect(page.getByTestId('live-status')).toHaveCount(0);
  expect(console.errors).toEqual([]);
});
