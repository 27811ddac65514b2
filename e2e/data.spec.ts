import { expect, test, type Page } from '@playwright/test';
import { dispatchDrop, dropFiles, fixturePath, makeLargeCsvTransfer, watchConsole } from './helpers/files';

import { SHOTS } from './helpers/shots';

function stat(page: Page, label: string) {
  return page
    .getByTestId('report-stats')
    .locator('.stat')
    .filter({ has: page.getByText(label, { exact: true }) })
    .locator('dd');
}

async function expectStats(page: Page, expected: Record<string, string>) {
  for (const [label, value] of Object.entries(expected)) await expect(stat(page, label)).toHaveText(value);
}

test.describe('Data screen', () => {
  test('dropping four files imports them as one dataset with its report and summary', async ({ page }) => {
    const console = watchConsole(page);
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Tag Lab' })).toBeVisible();
    await expect(page.getByRole('button', { name: /Rules/ })).toBeDisabled();
    await page.screenshot({ path: `${SHOTS}/data-empty.png`, fullPage: true });

    await dropFiles(page, page.getByTestId('dropzone'), [
      { name: 'purchases.csv', fixture: 'purchases.csv' },
      { name: 'clicks.csv', fixture: 'clicks.csv' },
      { name: 'categories.csv', fixture: 'categories.csv' },
      { name: 'truth.csv', fixture: 'truth.csv' },
    ]);
    await expectStats(page, {
      'Rows read': '453',
      'Events kept': '405',
      Users: '30',
      Categories: '15',
      'Date range': '2023-01-01 → 2024-06-23',
      'Users with known truth': '12',
    });
    const actions = page.getByRole('table', { name: 'Events by action' });
    await expect(actions.getByRole('row', { name: /purchase/ })).toContainText('196');
    await expect(actions.getByRole('row', { name: /click/ })).toContainText('209');
    await expect(actions.getByRole('row', { name: /fav/ })).toContainText('41');
    const skipped = page.getByRole('table', { name: 'Skipped rows' });
    await expect(skipped.getByRole('row', { name: /time not readable/ })).toContainText(
      'purchases.csv, row 22:',
    );
    await expect(skipped.getByRole('row', { name: /time not readable/ })).toContainText('not-a-date');
    await expect(skipped.getByRole('row', { name: /negative count/ })).toContainText('row 42');
    await expect(page.getByRole('table', { name: 'Files' }).getByRole('row')).toHaveCount(5);
    // category names from the dictionary reach the chart
    await expect(page.locator('.chart-panel').getByText('maternity care').first()).toBeVisible();
    await expect(page.getByRole('button', { name: /Rules/ })).toBeEnabled();
    await expect(page.getByText('Saved in this browser')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/data-report.png`, fullPage: true });
    expect(console.errors).toEqual([]);
  });

  test('the file picker imports a header-less Taobao export without a mapping step', async ({ page }) => {
    const console = watchConsole(page);
    await page.goto('/');
    await page.getByTestId('file-input').setInputFiles(fixturePath('taobao-sample.csv'));
    await expectStats(page, { 'Rows read': '100', 'Events kept': '90', Users: '12', Categories: '5' });
    await expect(page.getByRole('table', { name: 'Files' })).toContainText('Taobao UserBehavior');
    await expect(
      page.getByRole('table', { name: 'Events by action' }).getByRole('row', { name: /cart/ }),
    ).toContainText('8');
    expect(console.errors).toEqual([]);
  });

  test('broken files get a clear message each while the good file still imports', async ({ page }) => {
    const console = watchConsole(page);
    await page.goto('/');
    await dropFiles(page, page.getByTestId('dropzone'), [
      { name: 'purchases.csv', fixture: 'purchases.csv' },
      { name: 'broken-binary.csv', fixture: 'broken-binary.csv' },
      { name: 'broken-empty.csv', fixture: 'broken-empty.csv' },
    ]);
    const errors = page.getByTestId('file-errors');
    await expect(errors).toContainText('broken-binary.csv');
    await expect(errors).toContainText('not a text CSV file');
    await expect(errors).toContainText('the file is empty');
    await expectStats(page, { 'Events kept': '196' });
    await page.screenshot({ path: `${SHOTS}/data-error.png`, fullPage: true });

    // a drop with nothing usable (even one meant to replace it) says so and keeps the dataset loaded before
    await dropFiles(page, page.getByTestId('dropzone'), [
      { name: 'broken-header-only.csv', fixture: 'broken-header-only.csv' },
    ]);
    await page.getByRole('button', { name: 'Replace it' }).click();
    await expect(page.getByTestId('data-error')).toContainText('Nothing in these files could be imported');
    await expect(page.getByTestId('data-error')).toContainText('header row');
    await expectStats(page, { 'Events kept': '196' });
    expect(console.errors).toEqual([]);
  });

  test('an unrecognised layout goes through the mapping step', async ({ page }) => {
    const console = watchConsole(page);
    await page.goto('/');
    await dropFiles(page, page.getByTestId('dropzone'), [
      { name: 'unmapped.csv', fixture: 'unmapped.csv' },
      { name: 'broken-no-time.csv', fixture: 'broken-no-time.csv' },
    ]);
    const cards = page.getByTestId('mapping-card');
    await expect(cards).toHaveCount(2);
    const unmapped = cards.filter({ hasText: 'unmapped.csv' });
    await expect(unmapped.locator('table')).toContainText('folic acid');
    await unmapped.getByLabel('User').selectOption({ label: 'who' });
    await unmapped.getByLabel('Time').selectOption({ label: 'when' });
    await unmapped.getByRole('combobox', { name: 'click' }).selectOption('skip');
    const noTime = cards.filter({ hasText: 'broken-no-time.csv' });
    await expect(noTime).toContainText('no time column found');
    await expect(page.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
    await page.screenshot({ path: `${SHOTS}/data-mapping.png`, fullPage: true });

    await noTime.getByRole('button', { name: 'Leave this file out' }).click();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expectStats(page, { 'Rows read': '40', 'Events kept': '23', Users: '15' });
    await expect(page.getByRole('table', { name: 'Files' })).toContainText('mapped by hand');
    expect(console.errors).toEqual([]);
  });

  test('values from files are shown as text, never run as HTML', async ({ page }) => {
    const console = watchConsole(page);
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    await page.goto('/');
    await dropFiles(page, page.getByTestId('dropzone'), [
      { name: '<img src=x onerror=alert(3)>.csv', fixture: 'ui-xss.csv' },
    ]);
    await expectStats(page, { 'Events kept': '10' });
    const skipped = page.getByRole('table', { name: 'Skipped rows' });
    await expect(skipped).toContainText('<script>alert(2)</script>');
    await expect(skipped).toContainText('<img src=x onerror=alert(1)>');
    await expect(page.getByRole('table', { name: 'Files' })).toContainText(
      '<img src=x onerror=alert(3)>.csv',
    );
    await expect(page.locator('.chart-panel').getByText('<b>bold</b>')).toBeVisible();
    await expect(page.locator('main img, main script, main b')).toHaveCount(0);
    expect(dialogs).toBe(0);
    expect(console.errors).toEqual([]);
  });

  test('the demo dataset loads, survives a reload, and Clear data removes it', async ({ page }) => {
    const console = watchConsole(page);
    await page.goto('/');
    await page.getByRole('button', { name: 'Use the demo dataset' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Generating the demo dataset' })).toBeVisible();
    await expectStats(page, { Users: '10,000', 'Users with known truth': '10,000' });
    await expect(page.getByRole('heading', { name: 'Demo dataset' })).toBeVisible();
    await expect(page.locator('.chart-panel .recharts-bar-rectangle').first()).toBeVisible();
    await expect(page.getByText('Saved in this browser')).toBeVisible({ timeout: 60_000 });
    const events = await stat(page, 'Events kept').textContent();
    await page.screenshot({ path: `${SHOTS}/data-demo.png`, fullPage: true });

    await page.reload();
    await expect(page.getByText('Restored the dataset saved in this browser.')).toBeVisible();
    await expectStats(page, { Users: '10,000', 'Events kept': events ?? '' });
    await expect(page.getByRole('button', { name: /Rules/ })).toBeEnabled();

    await page.getByRole('button', { name: 'Clear data' }).click();
    await expect(page.getByText('Drop CSV files here')).toBeVisible();
    await page.reload();
    await expect(page.getByText('Drop CSV files here')).toBeVisible();
    await expect(page.getByTestId('report-stats')).toHaveCount(0);
    expect(console.errors).toEqual([]);
  });

  test('a large import shows its progress, keeps the page responsive, and can be cancelled', async ({
    page,
  }) => {
    const console = watchConsole(page);
    await page.goto('/');
    await dispatchDrop(page.getByTestId('dropzone'), await makeLargeCsvTransfer(page, 3_000_000));
    const bar = page.getByRole('progressbar', { name: 'Import progress' });
    await expect(bar).toBeVisible();
    await expect.poll(async () => Number(await bar.getAttribute('value'))).toBeGreaterThan(0);
    // The main thread stays free while the worker parses: the progress bar keeps moving on the page, and a click on
    // Cancel below is handled mid-import (how long a task takes is measured by `npm run bench`, not gated here).
    const seen = Number(await bar.getAttribute('value'));
    await expect.poll(async () => Number(await bar.getAttribute('value'))).toBeGreaterThan(seen);
    await page.screenshot({ path: `${SHOTS}/data-importing.png` });
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByText('Import cancelled. Nothing was changed.')).toBeVisible();
    await expect(page.getByTestId('report-stats')).toHaveCount(0);
    expect(console.errors).toEqual([]);
  });

  test('a full disk is explained and the dataset stays loaded', async ({ page, baseURL }) => {
    const console = watchConsole(page);
    await page.goto('/');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL!).origin, quotaSize: 10_000 });
    await page
      .getByTestId('file-input')
      .setInputFiles([fixturePath('purchases.csv'), fixturePath('clicks.csv')]);
    await expectStats(page, { 'Events kept': '405' });
    await expect(page.getByRole('alert').filter({ hasText: 'no room left' })).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'still loaded' })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/data-quota.png` });
    expect(console.errors).toEqual([]);
  });
});
