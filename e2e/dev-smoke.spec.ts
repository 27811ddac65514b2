// What a newcomer does first, on the dev server `npm start` runs: load the demo, train one model in the worker.
// The production build is tested everywhere else; this catches what only the unbundled dev modules break (a worker
// whose imports fail to load leaves the page waiting forever).

import { expect, test } from '@playwright/test';
import { watchConsole } from './helpers/files';

test('on the dev server the demo loads and a shallow run trains on WASM in the worker', async ({ page }) => {
  const console = watchConsole(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Use the demo dataset' }).click();
  await expect(page.getByText('Demo dataset', { exact: true })).toBeVisible({ timeout: 120_000 });
  await page.getByRole('button', { name: /Rules/ }).click();
  await expect(page.getByText(/Ready to train/)).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: /Train/ }).first().click();
  await page.locator('select').filter({ hasText: 'WASM' }).selectOption('wasm');
  await expect(page.getByText('backend: wasm')).toBeVisible();
  await page.getByLabel('Epochs').fill('1');
  await page.getByLabel('Epochs').press('Tab');
  await page.getByRole('button', { name: /^Train Shallow/ }).click();
  const row = page.getByRole('row', { name: /shallow #1/ });
  await expect(row.getByText('done', { exact: true })).toBeVisible({ timeout: 120_000 });
  expect(console.errors).toEqual([]);
});
