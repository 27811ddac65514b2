// The Weights panel: the demo dataset, the preset rules with a small sample, one shallow epoch on WASM, then one
// histogram per weight tensor of the finished run, drawn inside the panel.

import { expect, test } from '@playwright/test';
import { watchConsole } from './helpers/files';
import { loadDemoWithCappedSample, openTrainScreen } from './helpers/lab';
import { SHOTS } from './helpers/shots';

test.setTimeout(180_000);

test('a finished shallow run shows a histogram for each of its four weight tensors', async ({ page }) => {
  const console = watchConsole(page);
  // the preset rules, a sample capped at 600 users to keep the test short
  await loadDemoWithCappedSample(page);
  await openTrainScreen(page);
  await page.getByRole('radio', { name: /Shallow/ }).check();
  await page.getByRole('combobox', { name: 'Backend' }).selectOption('wasm');
  await expect(page.locator('.badge')).toContainText('wasm', { timeout: 60_000 });
  await page.getByLabel('Epochs').fill('1');
  await page.getByRole('button', { name: /^Train Shallow/ }).click();

  const rows = page.getByTestId('run-row');
  await expect(rows.first()).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  await expect(rows.first().getByTestId('run-backend')).toContainText('wasm');

  const panel = page.getByRole('region', { name: 'Weights' });
  const cells = panel.getByTestId('weight-tensor');
  await expect(cells).toHaveCount(4, { timeout: 30_000 });
  await expect(cells.locator('canvas, svg')).toHaveCount(4, { timeout: 60_000 });
  await expect(cells.nth(0)).toContainText('hidden');
  await expect(cells.nth(0)).toContainText('kernel');
  await expect(cells.nth(1)).toContainText('bias');
  await expect(cells.nth(2)).toContainText('output');
  await expect(cells.nth(0)).toContainText(/mean -?\d/);
  await expect(page.locator('.badge')).toContainText('wasm');
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/train-weights.png`, fullPage: true });
  expect(console.errors).toEqual([]);
});
