// Verdicts you can trust: two shallow runs with identical settings but for the model seed validate on the same users
// (the split follows the data seed), and the paired comparison of the two declares no winner, every metric shown
// as a value with its 95% interval.

import { expect, test, type Page } from '@playwright/test';
import { watchConsole } from './helpers/files';
import { loadDemoWithCappedSample, openTrainScreen } from './helpers/lab';
import { SHOTS } from './helpers/shots';

test.setTimeout(300_000);

const INTERVAL = /^-?\d\.\d{3} \[-?\d\.\d{3}, -?\d\.\d{3}\]$/;

async function trainShallowWithSeed(page: Page, seed: number): Promise<void> {
  await page.getByRole('radiogroup', { name: 'Model kind' }).getByText('Shallow', { exact: true }).click();
  await page.getByRole('spinbutton', { name: 'Epochs', exact: true }).fill('2');
  await page.getByRole('spinbutton', { name: 'Seed', exact: true }).fill(String(seed));
  await page.getByRole('spinbutton', { name: 'Seed', exact: true }).press('Tab');
  await page.getByRole('button', { name: /^Train Shallow/ }).click();
}

test('two runs differing only in the model seed: paired on the same users, no winner, intervals everywhere', async ({
  page,
}) => {
  const console = watchConsole(page);
  await loadDemoWithCappedSample(page, 600);
  await expect(page.getByTestId('sampling-note')).toContainText('class weights');
  await openTrainScreen(page);
  await page.locator('select').filter({ hasText: 'WASM' }).selectOption('wasm');
  await expect(page.getByText('backend: wasm')).toBeVisible();
  await trainShallowWithSeed(page, 11);
  await trainShallowWithSeed(page, 12);
  const trainRows = page.getByTestId('run-row');
  await expect(trainRows).toHaveCount(2);
  await expect(trainRows.nth(1)).toHaveAttribute('data-status', 'done', { timeout: 180_000 });
  await expect(trainRows.nth(0)).toHaveAttribute('data-status', 'done');

  await page.getByRole('button', { name: /Compare/ }).click();
  await expect(page.getByTestId('compare-run-row')).toHaveCount(2);
  // the runs' settings differ in the seed only
  const differing = page.getByTestId('settings-diff').locator('tr[data-differs="true"]');
  await expect(differing).toHaveCount(1);
  await expect(differing).toContainText('seed');

  // every metric of both runs as value [95% interval]
  const cells = page.getByTestId('metrics-table').locator('td[data-testid^="metric-"]');
  await expect(cells).toHaveCount(12);
  await expect(page.getByTestId('metric-rocAuc').first()).toHaveText(INTERVAL);
  for (const text of await cells.allInnerTexts()) expect(text.trim()).toMatch(INTERVAL);
  await expect(page.locator('.best-mark')).toHaveCount(0);

  // the paired test: the same validation users, no winner, the AUC difference with its interval and p-value
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveCount(1);
  await expect(verdict).toHaveAttribute('data-winner', '');
  await expect(page.getByTestId('verdict-headline')).toContainText('No winner: the data cannot tell');
  await expect(page.getByTestId('verdict-message')).toContainText(
    'The data cannot tell shallow #1 and shallow #2 apart',
  );
  await expect(page.getByTestId('verdict-pairing')).toContainText('the runs validated on the same users');
  const aucRow = page.locator('[data-testid="verdict-row"][data-metric="rocAuc"]');
  await expect(aucRow.getByTestId('verdict-difference')).toHaveText(
    /^-?\d\.\d{3} \[-?\d\.\d{3}, -?\d\.\d{3}\] · paired DeLong p = (\d\.\d{3}|< 0\.001|—)$/,
  );
  await expect(aucRow).toContainText('neither (interval holds 0)');
  await expect(page.getByTestId('verdict-resolvable')).toHaveText(
    /^ROC AUC differences below \d\.\d{3} cannot be resolved with \d+ \+ \d+ validation users\.$/,
  );
  await page.screenshot({ path: `${SHOTS}/compare-verdict.png`, fullPage: true });
  await page.getByRole('region', { name: 'Metrics at the threshold' }).screenshot({
    path: `${SHOTS}/compare-intervals-table.png`,
  });
  await page.getByTestId('verdict-panel').screenshot({ path: `${SHOTS}/compare-verdict-panel.png` });

  // a moved threshold: the intervals are recomputed in the worker at it
  const before = await page.getByTestId('metric-recall').first().innerText();
  await page.getByTestId('threshold-slider').fill('0.9');
  await expect(page.getByTestId('threshold-value')).toHaveText('0.90');
  await expect(page.getByTestId('metric-recall').first()).not.toHaveText(before);
  await expect(page.getByTestId('metric-recall').first()).toHaveText(INTERVAL);
  expect(console.errors).toEqual([]);
});
