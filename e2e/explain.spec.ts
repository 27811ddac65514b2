// "Why this user?": a quick single-LSTM run on the demo (capped sample, one epoch, WASM), every user scored on the
// Export screen, then one click on a top-scored user opens their explanation: a heatmap of contributions by category
// and month with category names, rule categories marked, and the completeness line; then the population view.

import { expect, test } from '@playwright/test';
import { watchConsole } from './helpers/files';
import { loadDemoWithCappedSample, openTrainScreen } from './helpers/lab';
import { SHOTS } from './helpers/shots';

test.setTimeout(300_000);

test('a user opened from the scores table shows a heatmap with category names and the completeness check', async ({
  page,
}) => {
  const console = watchConsole(page);
  await loadDemoWithCappedSample(page);
  await openTrainScreen(page);
  await page.getByRole('radio', { name: 'LSTM', exact: true }).check();
  await page.getByRole('combobox', { name: 'Backend' }).selectOption('wasm');
  await expect(page.locator('.badge')).toContainText('wasm', { timeout: 60_000 });
  await page.getByLabel('Epochs').fill('1');
  await page.getByRole('button', { name: /^Train LSTM/ }).click();
  await expect(page.getByTestId('run-row').first()).toHaveAttribute('data-status', 'done', {
    timeout: 180_000,
  });

  await page
    .getByRole('navigation')
    .getByRole('button', { name: /Export$/ })
    .click();
  await page.getByRole('button', { name: 'Score all users' }).click();
  await expect(page.getByTestId('score-results')).toBeVisible({ timeout: 180_000 });

  // one click on the top-scored user opens their explanation
  const top = page.getByRole('table', { name: 'Top-scored users' }).getByRole('button').first();
  const userId = (await top.textContent())?.trim() ?? '';
  expect(userId).not.toBe('');
  await top.click();
  const explanation = page.getByTestId('user-explanation');
  await expect(explanation).toBeVisible({ timeout: 60_000 });
  await expect(explanation).toContainText(userId);
  await expect(page.getByRole('searchbox', { name: 'User id to explain' })).toHaveValue(userId);

  const heatmap = page.getByTestId('heatmap-monthly');
  await expect(heatmap.locator('canvas')).toBeVisible();
  await expect(heatmap.getByRole('list', { name: 'Categories' })).toContainText('maternity');
  await expect(heatmap.locator('.rule-badge').first()).toBeVisible();
  await expect(page.getByTestId('completeness')).toHaveText(
    /^Contributions sum to -?\d+\.\d{3}, expected -?\d+\.\d{3} \(logit\): complete\.$/,
  );
  // the canvas holds coloured cells, not a blank sheet
  const coloured = await heatmap.locator('canvas').evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] !== data[i + 2]) n++;
    return n;
  });
  expect(coloured).toBeGreaterThan(0);
  const facts = await explanation.locator('.explain-facts').textContent();
  test
    .info()
    .annotations.push({ type: 'explain time', description: /(\d+) ms/.exec(facts ?? '')?.[0] ?? '?' });
  await heatmap.locator('canvas').hover({ position: { x: 5, y: 5 } });
  await expect(heatmap.locator('.heatmap-hover')).toContainText('logit');
  await page
    .getByRole('region', { name: 'Why this user?' })
    .screenshot({ path: `${SHOTS}/explain-user.png` });

  // an unknown id says so
  await page.getByRole('searchbox', { name: 'User id to explain' }).fill('no-such-user');
  await page.getByRole('button', { name: 'Explain', exact: true }).click();
  await expect(page.getByTestId('explain-error')).toContainText(
    '"no-such-user" is not in the loaded dataset',
  );

  // the population view over the tagged users
  await page.getByRole('button', { name: /^Explain the tagged users/ }).click();
  await expect(page.getByTestId('population-summary')).toContainText(
    'of the mean |contribution| sits on the rule',
    {
      timeout: 120_000,
    },
  );
  await expect(page.getByTestId('population').locator('.recharts-bar-rectangle').first()).toBeVisible();
  await page.getByTestId('population').screenshot({ path: `${SHOTS}/explain-population.png` });
  expect(console.errors).toEqual([]);
});

test('a sweep on the Train screen shows progress, a results table with the best point, and turns a point into a run', async ({
  page,
}) => {
  const console = watchConsole(page);
  await loadDemoWithCappedSample(page, 300);
  await openTrainScreen(page);
  await page.getByRole('radio', { name: /Shallow/ }).check();
  await page.getByRole('combobox', { name: 'Backend' }).selectOption('wasm');
  await expect(page.locator('.badge')).toContainText('wasm', { timeout: 60_000 });
  await page.getByLabel('Epochs').fill('1');
  const sweep = page.getByRole('region', { name: 'Sweep' });
  await sweep.getByLabel('Hidden size values').fill('4,8');
  await sweep.getByLabel('Dropout values').fill('');
  await sweep.getByRole('button', { name: 'Start sweep' }).click();
  // while it trains the sweep is the screen's running job, with its Cancel
  const job = page.getByRole('region', { name: 'Running job' });
  await expect(job.getByRole('button', { name: 'Cancel sweep' })).toBeVisible();
  const table = sweep.getByRole('table', { name: 'Sweep results' });
  await expect(sweep.getByTestId('sweep-summary')).toContainText('2 of 2 points trained', {
    timeout: 120_000,
  });
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await expect(table.locator('.best-row')).toHaveCount(1);
  await expect(job).toHaveCount(0);
  await expect(sweep.getByTestId('sweep-best')).toHaveText(
    /^Best: point [12] \(hidden size [48]\): validation ROC AUC \d\.\d{3} \[\d\.\d{3}, \d\.\d{3}\], 95% interval from DeLong\./,
  );
  const chart = sweep.getByTestId('sweep-parallel');
  await expect(chart.locator('path')).toHaveCount(2);
  await expect(chart.locator('path[data-best="true"]')).toHaveCount(1);
  await expect(chart).toContainText('Val ROC AUC');
  await sweep.screenshot({ path: `${SHOTS}/train-sweep.png` });

  await table.locator('tbody tr').nth(1).getByRole('button', { name: 'Train this' }).click();
  await expect(page.getByTestId('run-row').first()).toHaveAttribute('data-status', 'done', {
    timeout: 120_000,
  });
  // the run trained with the point's hidden size
  await expect(page.getByTestId('run-row').first()).toContainText('hidden 8');
  expect(console.errors).toEqual([]);
});
