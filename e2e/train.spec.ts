// Training in the page on WebGL (SwiftShader in headless Chromium): the demo dataset, the preset rules with a small
// sample, "Train all three" for two epochs, the curves growing, the second run stopped midway, three runs listed.

import { expect, test, type Page } from '@playwright/test';
import { watchConsole } from './helpers/files';
import { loadDemoWithCappedSample, openTrainScreen } from './helpers/lab';

import { SHOTS } from './helpers/shots';

// generous: after its last epoch the dual run scores every demo user on SwiftShader, which takes minutes when the
// machine is busy; every wait below is on a condition, so a fast machine is not slowed down
test.setTimeout(480_000);

/** The number of epoch points in the accuracy chart of a run's curves (the chart follows the running run). */
async function epochPoints(page: Page, runName: string): Promise<number> {
  const chart = page.getByRole('region', { name: `Curves of ${runName}` }).getByTestId('chart-accuracy');
  if ((await chart.count()) === 0) return -1;
  return Number((await chart.getAttribute('data-epoch-points')) ?? -1);
}

test('train all three on WebGL, watch the curves grow, stop one midway, three runs listed', async ({
  page,
}) => {
  const console = watchConsole(page);
  // the preset rules, a sample capped at 600 users to keep the test short
  await loadDemoWithCappedSample(page);
  await openTrainScreen(page);
  await expect(page.getByRole('combobox', { name: 'Backend' })).toHaveValue('webgl');
  await page.getByLabel('Epochs').fill('2');
  await page.getByRole('button', { name: 'Train all three' }).click();

  const rows = page.getByTestId('run-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(2)).toHaveAttribute('data-status', 'queued');

  // lstm #2: its curve gains its first epoch point, then Stop in the second epoch
  await expect.poll(() => epochPoints(page, 'lstm #2'), { timeout: 120_000 }).toBe(1);
  await page.getByRole('button', { name: 'Stop lstm #2' }).click();
  await expect(rows.nth(1)).toHaveAttribute('data-status', 'stopped', { timeout: 90_000 });

  // dual #3: the chart grows from one epoch point to two while it trains
  await expect.poll(() => epochPoints(page, 'dual #3'), { timeout: 120_000 }).toBe(1);
  await expect(page.getByTestId('live-status')).toContainText('dual #3');
  await page.screenshot({ path: `${SHOTS}/train-running.png`, fullPage: true });
  await expect.poll(() => epochPoints(page, 'dual #3'), { timeout: 60_000 }).toBe(2);

  await expect(rows.nth(2)).toHaveAttribute('data-status', 'done', { timeout: 300_000 });
  await expect(rows.nth(0)).toHaveAttribute('data-status', 'done');
  await expect(rows.nth(1)).toContainText('Stopped by the user');
  for (let i = 0; i < 3; i++) await expect(rows.nth(i).getByTestId('run-backend')).toContainText('webgl');
  await expect(page.locator('.badge')).toContainText('webgl');
  const accuracies = await page.getByTestId('run-val-accuracy').allInnerTexts();
  for (const i of [0, 2]) expect(Number(accuracies[i])).toBeGreaterThan(0.8);
  await page.getByRole('button', { name: 'shallow #1' }).click();
  await expect(page.getByRole('region', { name: 'Curves of shallow #1' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/train-done.png`, fullPage: true });
  expect(console.errors).toEqual([]);
});
