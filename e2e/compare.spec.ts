// Comparing runs: two quick runs on the demo data (shallow and LSTM, 2 epochs, 600 sampled users), both curves and
// the metrics table, the threshold slider changing the metrics and the truth figures, a rename; a third run cut off by a reload comes back
// 'interrupted'; after the reload every run, its name, charts and numbers are still there; deleting one sticks.

import { expect, test, type Page } from '@playwright/test';
import { watchConsole } from './helpers/files';

import { SHOTS } from './helpers/shots';

test.setTimeout(300_000);

async function openScreen(page: Page, name: 'Train' | 'Compare' | 'Rules'): Promise<void> {
  await page.getByRole('button', { name: new RegExp(name) }).click();
}

async function trainKind(page: Page, kind: 'Shallow' | 'LSTM', epochs: number): Promise<void> {
  // the radio input itself is visually hidden: click its label, as a person does
  await page.getByRole('radiogroup', { name: 'Model kind' }).getByText(kind, { exact: true }).click();
  await expect(page.getByRole('radio', { name: kind, exact: true })).toBeChecked();
  await page.getByRole('spinbutton', { name: 'Epochs', exact: true }).fill(String(epochs));
  await page.getByRole('button', { name: /^Train (Shallow|LSTM)/ }).click();
}

/** Epoch points in the Train screen's accuracy chart of a run (-1 while its curves are not shown). */
async function epochPoints(page: Page, runName: string): Promise<number> {
  const chart = page.getByRole('region', { name: `Curves of ${runName}` }).getByTestId('chart-accuracy');
  if ((await chart.count()) === 0) return -1;
  return Number((await chart.getAttribute('data-epoch-points')) ?? -1);
}

const comparedRows = (page: Page) => page.getByTestId('compare-run-row');
const metricsText = (page: Page) => page.getByTestId('metrics-table').locator('tbody').innerText();
const truthText = (page: Page) => page.getByTestId('truth-panel').locator('tbody').innerText();
/** The six metric values of each metrics row ("0.812 0.790 …"), without their intervals. */
async function metricValues(page: Page): Promise<string[]> {
  const rows = await page.getByTestId('metrics-row').allInnerTexts();
  return rows.map((row) => (row.match(/(?:\d\.\d{3}|—)(?= \[|\s|$)/g) ?? []).slice(0, 6).join(' '));
}
const linesIn = (page: Page, chart: string) => page.getByTestId(chart).locator('.recharts-line');

async function expectBothCharts(page: Page, runs: number): Promise<void> {
  for (const chart of [
    'compare-chart-valAccuracy',
    'compare-chart-valLoss',
    'compare-chart-roc',
    'compare-chart-pr',
  ])
    await expect(linesIn(page, chart)).toHaveCount(runs);
  await expect(page.getByTestId('metrics-row')).toHaveCount(runs);
  await expect(page.getByTestId('score-histogram')).toHaveCount(runs);
  // value [95% interval], once the worker's intervals at this threshold are in
  await expect(page.getByTestId('metric-rocAuc').first()).toHaveText(/^0\.\d{3} \[0\.\d{3}, \d\.\d{3}\]$/);
}

test('train two runs, compare them, move the threshold, reload, find them all, delete one', async ({
  page,
}) => {
  const console = watchConsole(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Use the demo dataset' }).click();
  await expect(page.getByRole('heading', { name: 'Demo dataset' })).toBeVisible({ timeout: 120_000 });
  await openScreen(page, 'Rules');
  await expect(page.getByTestId('training-size')).toContainText('positive', { timeout: 60_000 });
  await page.getByLabel('Cap the sample at (users, 0 = no cap)').fill('600');
  await expect(page.getByTestId('training-size')).toContainText('600 users to train and validate on');

  await openScreen(page, 'Train');
  await trainKind(page, 'Shallow', 2);
  await trainKind(page, 'LSTM', 2);
  const trainRows = page.getByTestId('run-row');
  await expect(trainRows).toHaveCount(2);
  await expect(trainRows.nth(1)).toHaveAttribute('data-status', 'done', { timeout: 180_000 });
  await expect(trainRows.nth(0)).toHaveAttribute('data-status', 'done');

  // Compare: both runs ticked by default, their curves overlaid, the table filled
  await openScreen(page, 'Compare');
  await expect(comparedRows(page)).toHaveCount(2);
  await expectBothCharts(page, 2);
  await expect(page.getByTestId('doctored-row')).toHaveCount(2);
  await expect(page.getByTestId('truth-row')).toHaveCount(2);
  await expect(page.getByTestId('stage-chart').locator('.recharts-bar')).toHaveCount(2);
  const atHalf = await metricsText(page);
  await expect(page.getByTestId('truth-threshold')).toHaveText('threshold 0.5');
  const truthAtHalf = await truthText(page);
  const valuesAtHalf = await metricValues(page);
  expect(valuesAtHalf[0].split(' ')).toHaveLength(6);

  // the threshold moves: metrics are recomputed in the worker from the kept validation scores
  await page.getByTestId('threshold-slider').fill('0.93');
  await expect(page.getByTestId('threshold-value')).toHaveText('0.93');
  await expect.poll(() => metricsText(page)).not.toBe(atHalf);
  // …and so are the truth figures, from every user's kept score
  await expect(page.getByTestId('truth-threshold')).toHaveText('threshold 0.93');
  expect(await truthText(page)).not.toBe(truthAtHalf);
  await page.getByRole('button', { name: 'Reset to 0.5' }).click();
  await expect.poll(() => metricsText(page)).toBe(atHalf);
  await expect.poll(() => truthText(page)).toBe(truthAtHalf);

  // rename the LSTM run inline
  const nameBox = page.getByRole('textbox', { name: 'New name for lstm #2' });
  await expect(async () => {
    if (!(await nameBox.isVisible())) await comparedRows(page).nth(1).getByTestId('run-name').click();
    await expect(nameBox).toBeFocused({ timeout: 2000 });
  }).toPass({ timeout: 20_000 });
  await nameBox.fill('lstm, 2 epochs');
  await page.keyboard.press('Enter');
  await expect(comparedRows(page).nth(1).getByTestId('run-name')).toHaveText(/lstm, 2 epochs/);
  await expect(page.getByTestId('settings-diff').locator('tr[data-differs="true"]').first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/compare-view.png`, fullPage: true });

  // a third run, cut off by a reload after its second epoch
  await openScreen(page, 'Train');
  await trainKind(page, 'Shallow', 30);
  await expect.poll(() => epochPoints(page, 'shallow #3'), { timeout: 120_000 }).toBeGreaterThanOrEqual(2);
  // open the lab again at its own address (a reload would return to the Train screen: e2e/location.spec.ts)
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Demo dataset' })).toBeVisible({ timeout: 120_000 });

  await openScreen(page, 'Compare');
  await expect(comparedRows(page)).toHaveCount(3);
  await expect(comparedRows(page).nth(0)).toHaveAttribute('data-status', 'done');
  await expect(comparedRows(page).nth(1)).toContainText('lstm, 2 epochs');
  await expect(comparedRows(page).nth(2)).toHaveAttribute('data-status', 'interrupted');
  await expectBothCharts(page, 3);
  await expect.poll(async () => (await metricValues(page)).slice(0, 2)).toEqual(valuesAtHalf);
  await expect(page.getByTestId('doctored-row').nth(2)).toContainText('interrupted');
  await page.screenshot({ path: `${SHOTS}/compare-after-reload.png`, fullPage: true });

  // delete the first run: asks first, then it is gone, also after another reload
  await comparedRows(page).nth(0).getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(comparedRows(page)).toHaveCount(2);
  await expect(comparedRows(page).nth(0)).toContainText('lstm, 2 epochs');
  await page.reload();
  await openScreen(page, 'Compare');
  await expect(comparedRows(page)).toHaveCount(2);
  await expect(page.getByText('shallow #1')).toHaveCount(0);
  expect(console.errors).toEqual([]);
});
