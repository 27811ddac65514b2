// Cancel stops long work and leaves what was there: a second demo generation cancelled keeps the demo loaded before,
// and a second scoring cancelled keeps the scores from the first (the worker stops its loop between chunks, so the
// page is idle again at once and the next request is answered).

import { expect, test } from '@playwright/test';
import { watchConsole } from './helpers/files';
import { loadDemoWithCappedSample, openTrainScreen } from './helpers/lab';

test.setTimeout(300_000);

test('cancelling demo generation and scoring returns the page to idle with the previous data intact', async ({
  page,
}) => {
  const console = watchConsole(page);
  await loadDemoWithCappedSample(page);

  // demo generation, a second time over the loaded demo: Cancel
  await page.getByRole('navigation').getByRole('button', { name: /Data$/ }).click();
  const stats = await page.getByTestId('report-stats').textContent();
  await page.getByRole('button', { name: 'Use the demo dataset' }).click();
  const generating = page.getByRole('status').filter({ hasText: 'Generating the demo dataset' });
  await generating.getByRole('button', { name: 'Cancel' }).click();
  await expect(
    page.getByText('Demo generation cancelled. The dataset loaded before is unchanged.'),
  ).toBeVisible();
  await expect(generating).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Use the demo dataset' })).toBeEnabled();
  await expect(page.getByRole('heading', { name: 'Demo dataset' })).toBeVisible();
  await expect(page.getByTestId('report-stats')).toHaveText(stats ?? '');

  // a quick shallow run, scored once, then a second scoring cancelled
  await openTrainScreen(page);
  await page
    .getByRole('radiogroup', { name: 'Model kind' })
    .getByRole('radio', { name: /Shallow/ })
    .check();
  await page.getByLabel('Epochs').fill('1');
  await page.getByRole('button', { name: /^Train Shallow/ }).click();
  await expect(page.getByTestId('run-row').first()).toHaveAttribute('data-status', 'done', {
    timeout: 180_000,
  });
  await page
    .getByRole('navigation')
    .getByRole('button', { name: /Export$/ })
    .click();
  await page.getByRole('button', { name: 'Score all users' }).click();
  await expect(page.getByTestId('score-results')).toBeVisible({ timeout: 180_000 });
  const summary = await page.getByTestId('score-summary').textContent();

  await page.getByRole('button', { name: 'Score again' }).click();
  const scoring = page.getByRole('status').filter({ hasText: 'Scoring:' });
  await scoring.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('score-notice')).toHaveText(
    'Scoring cancelled. The scores shown before are kept.',
  );
  await expect(scoring).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Score again' })).toBeEnabled();
  await expect(page.getByTestId('score-summary')).toHaveText(summary ?? '');
  await expect(page.getByTestId('score-results')).toBeVisible();
  expect(console.errors).toEqual([]);
});
