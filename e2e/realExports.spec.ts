import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { expect, test, type Page } from '@playwright/test';
import { dropFiles, fixturePath, watchConsole } from './helpers/files';
import { SHOTS } from './helpers/shots';

// Two months of a REES46-layout export (19-digit category ids beside dotted category codes), dropped one after the
// other. October: 10 events, 4 users. November: 9 events, 6 users (2 new), one of them repeating an October event.

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

async function count(page: Page, key: string): Promise<number> {
  return Number(((await page.getByTestId(`count-${key}`).textContent()) ?? '').replace(/,/g, ''));
}

/** A fixture CSV exported again as Parquet by DuckDB (typed: TIMESTAMP, BIGINT ids beyond 2^53, DOUBLE, VARCHAR). */
async function parquetOf(fixture: string): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'tag-lab-e2e-parquet-'));
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  try {
    const out = join(dir, 'export.parquet');
    await connection.run(
      `COPY (SELECT * FROM read_csv('${fixturePath(fixture)}')) TO '${out}' (FORMAT parquet)`,
    );
    return new Uint8Array(readFileSync(out));
  } finally {
    connection.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}

const positive1 = (page: Page) => page.getByRole('listitem', { name: 'Positive condition 1' });

test.describe('Real exports as they come', () => {
  test('a second month is added to the first; the picker shows codes, the tree branches, the counts add up', async ({
    page,
  }) => {
    const console = watchConsole(page);
    await page.goto('/');
    await dropFiles(page, page.getByTestId('dropzone'), [
      { name: 'rees46-2019-Oct.csv', fixture: 'rees46-2019-Oct.csv' },
    ]);
    await expectStats(page, { 'Events kept': '10', Users: '4', Categories: '6' });
    await expect(page.getByRole('table', { name: 'Files' })).toContainText('REES46 e-commerce');
    await expect(page.getByTestId('category-names')).toContainText('5 category ids named');

    await dropFiles(page, page.getByTestId('dropzone'), [
      { name: 'rees46-2019-Nov.csv', fixture: 'rees46-2019-Nov.csv' },
    ]);
    const choice = page.getByTestId('drop-choice');
    await expect(choice).toContainText('rees46-2019-Nov.csv');
    await expect(choice).toContainText('10 events, 4 users');
    await choice.getByRole('button', { name: 'Add to the loaded dataset' }).click();

    // October's 10 events and November's 9, less the one November repeats; 4 users and 2 new ones.
    await expectStats(page, { 'Events kept': '18', Users: '6', Categories: '6' });
    const added = page.getByTestId('added-summary');
    await expect(added).toContainText(
      'rees46-2019-Nov.csv joined the dataset built from rees46-2019-Oct.csv',
    );
    await expect(added.getByRole('row', { name: /Events/ })).toContainText('18 (+8)');
    await expect(added.getByRole('row', { name: /Users/ })).toContainText('6 (+2)');
    const duplicates = page.getByTestId('duplicates');
    await expect(duplicates).toContainText('1 event appeared again in another file and was counted once');
    await expect(duplicates.getByRole('table')).toContainText('kids.clothing');
    await expect(duplicates.getByRole('table')).not.toContainText('2053013563911439225');
    await expect(page.locator('.chart-panel').getByText('maternity.clothing').first()).toBeVisible();
    await expect(page.getByText('Saved in this browser')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/real-exports-data.png`, fullPage: true });

    await page.getByRole('button', { name: /Rules/ }).click();
    const search = page.getByRole('combobox', { name: 'Add a category to positive condition 1' });
    await search.fill('mat');
    const options = page.getByRole('listbox', { name: /positive condition 1: matches/ }).getByRole('option');
    await expect(options.locator('.option-name')).toHaveText(['maternity.clothing', 'maternity.care']);
    await expect(options.first().locator('.option-id')).toHaveText('2053013558920217191');
    await search.press('Escape');

    await positive1(page).getByRole('button', { name: 'Browse the category tree' }).click();
    const tree = positive1(page).getByRole('tree');
    const maternity = tree.getByRole('treeitem', { name: 'maternity', exact: true });
    await expect(maternity.locator('.tree-count').first()).toHaveText('6 events · 2 categories');
    await maternity.getByRole('button', { name: 'Expand maternity' }).click();
    await expect(tree.getByRole('treeitem', { name: 'maternity.clothing' })).toContainText('4 events');
    await expect(tree.getByRole('treeitem', { name: 'maternity.care' })).toContainText('2 events');
    await maternity.getByRole('button', { name: 'Add maternity.*' }).click();
    const chip = positive1(page).locator('.chip').filter({ hasText: 'maternity.*' });
    await expect(chip.locator('.chip-count')).toHaveText('6');
    await expect(maternity.getByRole('button', { name: 'Add maternity.*' })).toHaveText('added');
    await expect(page.getByRole('region', { name: 'Label counts' })).toHaveAttribute('aria-busy', 'false');
    await page.screenshot({ path: `${SHOTS}/real-exports-rules-tree.png`, fullPage: true });

    const total =
      (await count(page, 'positive')) +
      (await count(page, 'negative')) +
      (await count(page, 'conflict')) +
      (await count(page, 'unlabelled'));
    expect(total).toBe(6);
    expect(console.errors).toEqual([]);
  });

  test('October as a warehouse Parquet export and November as CSV join on the same ids', async ({ page }) => {
    const console = watchConsole(page);
    await page.goto('/');
    await dropFiles(page, page.getByTestId('dropzone'), [
      { name: 'rees46-2019-Oct.parquet', bytes: await parquetOf('rees46-2019-Oct.csv') },
    ]);
    await expectStats(page, { 'Events kept': '10', Users: '4', Categories: '6' });
    await expect(page.getByTestId('category-names')).toContainText('5 category ids named');
    await dropFiles(page, page.getByTestId('dropzone'), [
      { name: 'rees46-2019-Nov.csv', fixture: 'rees46-2019-Nov.csv' },
    ]);
    await page.getByTestId('drop-choice').getByRole('button', { name: 'Add to the loaded dataset' }).click();
    // The same counts as the two CSV months: the Parquet file's 64-bit ids read as the CSV's digits.
    await expectStats(page, { 'Events kept': '18', Users: '6', Categories: '6' });
    await expect(page.getByTestId('duplicates')).toContainText(
      '1 event appeared again in another file and was counted once',
    );
    await expect(page.locator('.chart-panel').getByText('maternity.clothing').first()).toBeVisible();
    expect(console.errors).toEqual([]);
  });

  test('the mapping step offers the category name column, the date order and the choice between twin headers', async ({
    page,
  }) => {
    const console = watchConsole(page);
    await page.goto('/');
    await dropFiles(page, page.getByTestId('dropzone'), [
      { name: 'unmapped-twin-header.csv', fixture: 'unmapped-twin-header.csv' },
    ]);
    const card = page.getByTestId('mapping-card');
    await expect(card.getByLabel('Category name')).toHaveValue('2');
    await expect(card.getByRole('combobox', { name: /^User/ })).toHaveValue('0');
    await expect(
      card.getByRole('combobox', { name: /^User/ }).locator('option', { hasText: 'user_id (column 6)' }),
    ).toHaveCount(1);
    await expect(card.getByLabel('Slashed dates')).toHaveValue('day-first');
    await expect(card).toContainText('2 of 3 slashed dates have a first number above 12');
    const twins = card.getByTestId('duplicate-headers');
    await expect(twins).toContainText('The header names “user_id” in columns 1 and 6');
    await twins.getByRole('radio', { name: /column 6/ }).check();
    await expect(card.getByRole('combobox', { name: /^User/ })).toHaveValue('5');
    await page.screenshot({ path: `${SHOTS}/real-exports-mapping.png`, fullPage: true });

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    // column 6 holds three different users where column 1 holds two
    await expectStats(page, { 'Events kept': '3', Users: '3', 'Date range': '2024-04-03 → 2024-04-14' });
    await expect(page.locator('.chart-panel').getByText('maternity.clothing').first()).toBeVisible();
    expect(console.errors).toEqual([]);
  });
});
