// Data-parallel training on the page: the Workers setting shows what the machine reports, and a dual LSTM run on two
// workers (the lab worker and one replica sub-worker, WASM) finishes its epoch like a one-worker run.

import { expect, test } from '@playwright/test';
import { watchConsole } from './helpers/files';
import { loadDemoWithCappedSample, openTrainScreen } from './helpers/lab';

test.setTimeout(240_000);

test('a dual LSTM run on two workers trains through a replica sub-worker and finishes', async ({ page }) => {
  const console = watchConsole(page);
  const workerUrls: string[] = [];
  page.on('worker', (w) => workerUrls.push(w.url()));
  await loadDemoWithCappedSample(page);
  await openTrainScreen(page);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await expect(page.getByTestId('workers-detected')).toContainText(`reports ${cores} core`);
  await page.getByRole('radio', { name: /Dual LSTM/ }).check();
  await page.getByRole('combobox', { name: 'Backend' }).selectOption('wasm');
  await expect(page.locator('.badge')).toContainText('wasm', { timeout: 60_000 });
  await page.getByLabel('Epochs').fill('1');
  await page.getByLabel('Workers').fill('2');
  await page.getByLabel('Workers').blur();
  await page.getByRole('button', { name: /^Train Dual LSTM/ }).click();

  const rows = page.getByTestId('run-row');
  await expect(rows.first()).toHaveAttribute('data-status', 'done', { timeout: 200_000 });
  await expect(rows.first().getByTestId('run-backend')).toContainText('wasm');
  // the record keeps the workers it trained on
  await expect(rows.first().getByTestId('run-workers')).toHaveText('2 workers');
  expect(workerUrls.some((u) => u.includes('replica'))).toBe(true);
  // the setting is kept with the other training settings
  await page.reload();
  await openTrainScreen(page);
  await expect(page.getByLabel('Workers')).toHaveValue('2');
  await expect(page.getByTestId('run-row').first().getByTestId('run-workers')).toHaveText('2 workers');
  expect(console.errors).toEqual([]);
});
