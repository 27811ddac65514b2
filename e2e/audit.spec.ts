// Verdicts you can trust, the rest of it: "Train with 3 seeds" queues three runs of the same settings as one group
// and the Compare screen shows the group's mean ± sd; the ROC and PR charts carry their bootstrap band; the label
// audit runs in the worker with progress, lists the suspect labels with why and their timelines, downloads as CSV,
// and the Elkan–Noto estimate sits beside the rules' coverage with the assumption it rests on. One click on "Why?"
// explains a suspect, or an example user of the truth panel, right where it was asked.

import { readFileSync } from 'node:fs';
import { expect, test, type Locator } from '@playwright/test';
import { watchConsole } from './helpers/files';
import { loadDemoWithCappedSample, openTrainScreen } from './helpers/lab';
import { SHOTS } from './helpers/shots';

test.setTimeout(420_000);

const MEAN_SD = /^\d\.\d{3} ± \d\.\d{3}$/;

/** The user's explanation inside `where`: their id, the run it used, a heatmap whose rows are category names. */
async function expectExplanation(where: Locator, userId: string): Promise<void> {
  const explanation = where.getByTestId('user-explanation');
  await expect(explanation).toBeVisible({ timeout: 60_000 });
  await expect(explanation).toContainText(userId);
  await expect(where.getByRole('heading', { name: `Why ${userId}?` })).toContainText('explained with');
  const heatmap = explanation.locator('figure.heatmap').first();
  await expect(heatmap.locator('canvas')).toBeVisible();
  const names = heatmap.getByRole('list', { name: 'Categories' }).locator('.heatmap-name');
  expect(await names.count()).toBeGreaterThan(0);
  // names, not the catalogue's numeric ids
  for (const name of await names.allInnerTexts()) expect(name).toMatch(/[a-z]/i);
  await expect(where.getByTestId('completeness')).toContainText('Contributions sum to');
}

test('three seeds as one group, bands on the curves, and the label audit', async ({ page }) => {
  const console = watchConsole(page);
  await loadDemoWithCappedSample(page, 600);
  await openTrainScreen(page);
  await page.locator('select').filter({ hasText: 'WASM' }).selectOption('wasm');
  await expect(page.getByText('backend: wasm')).toBeVisible();
  await page.getByRole('radiogroup', { name: 'Model kind' }).getByText('Shallow', { exact: true }).click();
  await page.getByRole('spinbutton', { name: 'Epochs', exact: true }).fill('2');
  await page.getByRole('spinbutton', { name: 'Epochs', exact: true }).press('Tab');
  await page.getByLabel('Repeat runs', { exact: true }).selectOption({ label: '3 seeds' });
  await expect(page.getByTestId('repeat-note')).toContainText('3 runs with model seeds');
  await page.getByRole('button', { name: /^Train Shallow/ }).click();
  const trainRows = page.getByTestId('run-row');
  await expect(trainRows).toHaveCount(3, { timeout: 60_000 });
  for (let i = 0; i < 3; i++)
    await expect(trainRows.nth(i)).toHaveAttribute('data-status', 'done', { timeout: 180_000 });

  await page.getByRole('button', { name: /Compare/ }).click();
  await expect(page.getByTestId('compare-run-row')).toHaveCount(3);
  await expect(page.getByTestId('run-group-tag')).toHaveText(['seed 1 of 3', 'seed 2 of 3', 'seed 3 of 3']);
  // the group: three model seeds, every metric as mean ± sd
  const group = page.getByTestId('repeat-group');
  await expect(group).toHaveCount(1);
  await expect(group).toContainText('shallow · 3 model seeds');
  const cells = group.getByTestId('repeat-validation');
  await expect(cells).toHaveCount(6);
  for (const text of await cells.allInnerTexts()) expect(text.trim()).toMatch(MEAN_SD);
  // the ROC and PR charts say they carry the band, and draw it (one shaded area per run)
  for (const chart of ['roc', 'pr']) {
    const panel = page.getByTestId(`compare-chart-${chart}`);
    await expect(panel).toContainText('shaded: pointwise 95% bootstrap band');
    await expect(panel.locator('.recharts-area-area')).toHaveCount(3);
  }
  await page.getByTestId('repeat-groups').screenshot({ path: `${SHOTS}/compare-repeat-group.png` });
  await page.getByTestId('compare-chart-roc').screenshot({ path: `${SHOTS}/compare-roc-band.png` });

  // the label audit: caveat first, then a run in the worker with fold progress
  const panel = page.getByTestId('audit-panel');
  await expect(panel.getByTestId('audit-caveat')).toContainText('cannot catch the rules’ systematic bias');
  await panel.getByLabel('Audit folds').fill('3');
  await panel.getByRole('button', { name: 'Audit the labels' }).click();
  await expect(panel.getByTestId('audit-progress')).toContainText(/fold \d of 3/);
  await expect(panel.getByTestId('audit-result')).toBeVisible({ timeout: 180_000 });
  await expect(panel.getByTestId('audit-summary')).toContainText(
    /\d+ of \d+ rule-labelled users look mislabelled/,
  );
  await expect(panel.getByTestId('audit-conditions').locator('tbody tr')).toHaveCount(2);
  const suspects = panel.getByTestId('audit-suspect');
  const listed = await suspects.count();
  expect(listed).toBeGreaterThan(0);
  expect(listed).toBeLessThanOrEqual(25);
  await expect(suspects.first()).toContainText(
    /The rules say (positive|negative), but a model that never saw/,
  );
  // opening a suspect shows their monthly timeline
  await suspects.first().getByRole('button').first().click();
  await expect(panel.getByTestId('audit-timeline').locator('svg[role="img"]')).toBeVisible();
  // the CSV: one row per flagged user, the first one the first listed
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Download audit CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('label-audit.csv');
  const csv = readFileSync((await download.path())!, 'utf8')
    .trim()
    .split('\n');
  expect(csv[0]).toBe('user_id,rule_label,out_of_fold_score,margin,conditions,why');
  const firstUser = (await suspects.first().getByRole('button').first().innerText()).trim();
  expect(csv[1].startsWith(`${firstUser},`)).toBe(true);

  // Elkan–Noto beside the coverage, with its assumption and the truth's answer
  await panel.getByRole('button', { name: 'Estimate missed positives' }).click();
  await expect(panel.getByTestId('elkan-noto')).toBeVisible({ timeout: 180_000 });
  await expect(panel.getByTestId('audit-coverage')).toContainText(
    /the rules label \d+ of [\d,]+ users positive/,
  );
  await expect(panel.getByTestId('elkan-c')).toContainText(
    /^\d\.\d{3} \[\d\.\d{3}, \d\.\d{3}\] · the truth file says \d\.\d{3}$/,
  );
  await expect(panel.getByTestId('elkan-caveat')).toContainText('random sample of all positives');
  await expect(panel.getByTestId('audit-result')).toBeVisible();
  await panel.screenshot({ path: `${SHOTS}/compare-label-audit.png` });

  // "Why?" on a suspect explains them under their row, with a trained run of the audit's kind
  await expect(panel.getByTestId('audit-result')).toContainText('“Why?” explains a user’s score with');
  await suspects.first().getByRole('button', { name: 'Why?' }).click();
  const auditWhy = panel.getByTestId('audit-why');
  await expectExplanation(auditWhy, firstUser);
  await auditWhy.screenshot({ path: `${SHOTS}/compare-audit-why.png` });

  // the truth panel lists example users per cell, each with its "Why?"; the explanation opens below the lists
  const examples = page.getByTestId('truth-examples');
  await expect(examples.getByTestId('truth-examples-run')).toHaveCount(3);
  const example = examples.getByTestId('truth-example').first();
  const exampleUser = (await example.locator('.user-id').innerText()).trim();
  await example.getByRole('button', { name: 'Why?' }).click();
  await expectExplanation(examples, exampleUser);
  // one explanation open at a time: the audit's closed when the truth panel asked
  await expect(auditWhy).toHaveCount(0);
  await examples.screenshot({ path: `${SHOTS}/compare-truth-why.png` });
  await examples.getByRole('button', { name: 'Close' }).click();
  await expect(examples.getByTestId('user-explanation')).toHaveCount(0);
  expect(console.errors).toEqual([]);
});
