// Where you were: the screen and the runs ticked for comparison live in the address (#/compare?runs=…), so a
// reload returns to them, and the browser's back and forward move between screens.

import { expect, test, type Page } from '@playwright/test';
import { watchConsole } from './helpers/files';
import { loadDemoWithCappedSample, openTrainScreen } from './helpers/lab';

test.setTimeout(300_000);

const currentStep = (page: Page) =>
  page.getByRole('navigation', { name: 'Lab steps' }).locator('[aria-current="page"]');

async function trainShallow(page: Page): Promise<void> {
  await page.getByRole('radiogroup', { name: 'Model kind' }).getByText('Shallow', { exact: true }).click();
  await page.getByRole('spinbutton', { name: 'Epochs', exact: true }).fill('1');
  await page.getByRole('button', { name: /^Train Shallow/ }).click();
}

test('the screen and the ticked runs survive a reload, and back and forward move between screens', async ({
  page,
}) => {
  const console = watchConsole(page);
  await loadDemoWithCappedSample(page, 300);
  await expect(page).toHaveURL(/#\/rules$/);
  await openTrainScreen(page);
  await expect(page).toHaveURL(/#\/train$/);
  await trainShallow(page);
  await trainShallow(page);
  const trainRows = page.getByTestId('run-row');
  await expect(trainRows).toHaveCount(2);
  for (const row of await trainRows.all())
    await expect(row).toHaveAttribute('data-status', 'done', { timeout: 180_000 });

  // Compare: every run until one is unticked; then only the ticked one, in the address
  await page.getByRole('button', { name: /Compare/ }).click();
  await expect(page).toHaveURL(/#\/compare$/);
  const rows = page.getByTestId('compare-run-row');
  await expect(rows).toHaveCount(2);
  const kept = await rows.nth(1).getAttribute('data-run-id');
  await page.getByRole('checkbox', { name: 'Compare shallow #1' }).uncheck();
  await expect(page).toHaveURL(new RegExp(`#/compare\\?runs=${kept}$`));
  await expect(page.getByTestId('metrics-row')).toHaveCount(1);

  // a reload comes back to the Compare screen with the same run ticked
  await page.reload();
  await expect(currentStep(page)).toContainText('Compare');
  await expect(page.getByTestId('compare-run-row')).toHaveCount(2, { timeout: 120_000 });
  await expect(page.getByRole('checkbox', { name: 'Compare shallow #1' })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Compare shallow #2' })).toBeChecked();
  await expect(page.getByTestId('metrics-row')).toHaveCount(1);

  // back: the Train screen (its address now carries the choice too); back again: the Rules screen; forward twice:
  // Compare, the choice intact
  await page.goBack();
  await expect(currentStep(page)).toContainText('Train');
  await expect(page).toHaveURL(new RegExp(`#/train\\?runs=${kept}$`));
  await page.goBack();
  await expect(currentStep(page)).toContainText('Rules');
  await page.goForward();
  await page.goForward();
  await expect(currentStep(page)).toContainText('Compare');
  await expect(page).toHaveURL(new RegExp(`#/compare\\?runs=${kept}$`));
  await expect(page.getByRole('checkbox', { name: 'Compare shallow #1' })).not.toBeChecked();
  expect(console.errors).toEqual([]);
});
