// The population view beside its rule-masked twin: two quick shallow runs on the demo, the second with the rule
// categories removed from its inputs, both scored and explained on the Export screen; the views then sit side by
// side, the masked one with none of its weight on the rule categories.

import { expect, test } from '@playwright/test';
import { watchConsole } from './helpers/files';
import { loadDemoWithCappedSample, openTrainScreen } from './helpers/lab';
import { SHOTS } from './helpers/shots';

test.setTimeout(400_000);

test('a run and its rule-masked twin, both explained, show their population views side by side', async ({
  page,
}) => {
  const console = watchConsole(page);
  await loadDemoWithCappedSample(page, 600);
  const train = async () => {
    await openTrainScreen(page);
    await page.getByRole('radio', { name: /Shallow/ }).check();
    await page.getByRole('combobox', { name: 'Backend' }).selectOption('wasm');
    await page.getByLabel('Epochs').fill('2');
    await page.getByRole('button', { name: /^Train Shallow/ }).click();
    await expect(page.getByTestId('run-row').first()).toHaveAttribute('data-status', 'done', {
      timeout: 180_000,
    });
  };
  await train();
  await page.getByRole('button', { name: /Rules/ }).click();
  await page.getByLabel(/Remove the rule categories from the model inputs/).check();
  await train();
  await expect(page.getByTestId('run-row')).toHaveCount(2);

  await page
    .getByRole('navigation')
    .getByRole('button', { name: /Export$/ })
    .click();
  const select = page.getByRole('combobox', { name: 'Run to export' });
  for (const index of [0, 1]) {
    await select.selectOption({ index });
    await page.getByRole('button', { name: 'Score all users' }).click();
    await expect(page.getByTestId('score-results')).toBeVisible({ timeout: 180_000 });
    await page.getByRole('button', { name: /Explain the tagged users/ }).click();
    await expect(page.getByRole('button', { name: /Explain the tagged users/ })).toBeEnabled({
      timeout: 200_000,
    });
  }
  const pair = page.getByTestId('population-pair');
  await expect(pair).toBeVisible();
  await expect(pair.getByRole('heading')).toHaveText([
    'shallow #1: rule categories read',
    'shallow #2: rule categories masked',
  ]);
  const summaries = pair.getByTestId('population-summary');
  await expect(summaries.nth(0)).not.toContainText(' 0% of the mean');
  await expect(summaries.nth(1)).toContainText(' 0% of the mean |contribution| sits on the rule categories');
  await page.getByTestId('population').screenshot({ path: `${SHOTS}/explain-population-pair.png` });
  expect(console.errors).toEqual([]);
});
