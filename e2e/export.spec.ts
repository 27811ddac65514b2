import { readFileSync } from 'node:fs';
import { expect, test, type Download, type Page } from '@playwright/test';
import { dropFiles, watchConsole } from './helpers/files';

import { SHOTS } from './helpers/shots';

async function loadDemo(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Use the demo dataset' }).click();
  await expect(page.getByRole('heading', { name: 'Demo dataset' })).toBeVisible({ timeout: 120_000 });
}

async function openStep(page: Page, name: RegExp): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name }).click();
}

async function trainQuickShallowRun(page: Page): Promise<void> {
  await openStep(page, /Train$/);
  await page
    .getByRole('radiogroup', { name: 'Model kind' })
    .getByRole('radio', { name: /Shallow/ })
    .check();
  await page.getByLabel('Epochs').fill('2');
  await page.getByRole('button', { name: /^Train Shallow/ }).click();
  await expect(page.getByTestId('run-row').first()).toHaveAttribute('data-status', 'done', {
    timeout: 180_000,
  });
}

async function bytesOf(download: Download): Promise<Buffer> {
  return readFileSync(await download.path());
}

async function download(page: Page, click: () => Promise<void>): Promise<Download> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return file;
}

async function scoreAndDownloadCsv(page: Page): Promise<string> {
  await page.getByRole('button', { name: /Score all users|Score again/ }).click();
  await expect(page.getByTestId('score-results')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('scored-users')).toHaveText('10,000');
  const csv = await download(page, () => page.getByRole('button', { name: 'Download scores CSV' }).click());
  expect(csv.suggestedFilename()).toMatch(/^tag-lab-shallow-1-scores-\d{4}-\d{2}-\d{2}\.csv$/);
  return (await bytesOf(csv)).toString('utf8');
}

/** user_id → "score,tag,label_source" columns of a scores CSV. */
function parseScores(csv: string): Map<string, { score: number; rest: string }> {
  const [header, ...rows] = csv.trim().split('\n');
  expect(header).toBe('user_id,score,tag,label_source');
  return new Map(
    rows.map((row) => {
      const [id, score, tag, source] = row.split(',');
      return [id, { score: Number(score), rest: `${tag},${source}` }];
    }),
  );
}

function expectSameScores(before: string, after: string): void {
  const a = parseScores(before);
  const b = parseScores(after);
  expect(b.size).toBe(a.size);
  let worst = 0;
  let sameTags = 0;
  for (const [id, row] of a) {
    const other = b.get(id);
    expect(other, `user ${id} is scored again`).toBeDefined();
    worst = Math.max(worst, Math.abs(row.score - other!.score));
    if (row.rest === other!.rest) sameTags++;
  }
  expect(worst).toBeLessThanOrEqual(1e-5);
  expect(sameTags).toBeGreaterThanOrEqual(a.size - 2);
}

/** Drops files built inside the page from bytes, the way a person drags a file from their desktop. */
async function dropBytes(page: Page, files: { name: string; bytes: Buffer }[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, base64: f.bytes.toString('base64') }));
  const transfer = await page.evaluateHandle((items) => {
    const data = new DataTransfer();
    for (const item of items) {
      const bytes = Uint8Array.from(atob(item.base64), (c) => c.charCodeAt(0));
      data.items.add(new File([bytes], item.name, { type: 'application/zip' }));
    }
    return data;
  }, payload);
  const target = page.getByTestId('bundle-dropzone');
  for (const type of ['dragenter', 'dragover', 'drop'])
    await target.dispatchEvent(type, { dataTransfer: transfer });
  await transfer.dispose();
}

async function clearEverything(page: Page): Promise<void> {
  await openStep(page, /Data/);
  await page.getByRole('button', { name: 'Clear data' }).click();
  await expect(page.getByRole('button', { name: 'Use the demo dataset' })).toBeVisible();
  await page.evaluate(async () => {
    const databases = await indexedDB.databases();
    await Promise.all(
      databases.map(
        (db) =>
          new Promise<void>((resolve) => {
            const request = indexedDB.deleteDatabase(db.name!);
            request.onsuccess = request.onerror = request.onblocked = () => resolve();
          }),
      ),
    );
    localStorage.clear();
  });
  // the page's own address (a reload would return to the screen in the address)
  await page.goto('/');
}

test.describe('Export screen', () => {
  test('a bundle exported, dropped back after clearing the page, scores every user the same', async ({
    page,
  }) => {
    const console = watchConsole(page);
    await page.goto('/');
    await loadDemo(page);
    await trainQuickShallowRun(page);
    await openStep(page, /Export/);
    await expect(page.getByTestId('export-run-facts')).toContainText('shallow');

    const bundle = await download(page, () =>
      page.getByRole('button', { name: 'Download bundle (.zip)' }).click(),
    );
    expect(bundle.suggestedFilename()).toMatch(/^tag-lab-shallow-1-\d{4}-\d{2}-\d{2}\.zip$/);
    const bundleBytes = await bytesOf(bundle);
    expect(bundleBytes.subarray(0, 2).toString('latin1')).toBe('PK');

    const modelFiles: Download[] = [];
    page.on('download', (d) => modelFiles.push(d));
    await page.getByRole('button', { name: 'model.json + weights.bin' }).click();
    await expect
      .poll(() => modelFiles.map((d) => d.suggestedFilename()).sort())
      .toEqual(['model.json', 'weights.bin']);
    const modelJson = JSON.parse(
      (await bytesOf(modelFiles.find((d) => d.suggestedFilename() === 'model.json')!)).toString('utf8'),
    );
    expect(modelJson.weightsManifest[0].paths).toEqual(['weights.bin']);

    const before = await scoreAndDownloadCsv(page);
    const slider = page.getByRole('slider', { name: 'Tag threshold' });
    const taggedAtHalf = await page.getByTestId('tagged-users').innerText();
    await slider.fill('0.9');
    await expect(page.getByTestId('tagged-users')).not.toHaveText(taggedAtHalf);
    await slider.fill('0.5');
    await expect(page.getByTestId('tagged-users')).toHaveText(taggedAtHalf);
    await page.screenshot({ path: `${SHOTS}/export-scored.png`, fullPage: true });

    await clearEverything(page);
    await loadDemo(page);
    await openStep(page, /Export/);
    await expect(page.getByText('No trained run yet.')).toBeVisible();
    await dropBytes(page, [{ name: bundle.suggestedFilename(), bytes: bundleBytes }]);
    await expect(page.getByTestId('export-run-facts')).toContainText(`from ${bundle.suggestedFilename()}`);
    await expect(page.getByTestId('fit-note')).toContainText('the one this run was trained on');
    const after = await scoreAndDownloadCsv(page);
    expectSameScores(before, after);
    await expect(page.getByTestId('tagged-users')).toHaveText(taggedAtHalf);
    await page.screenshot({ path: `${SHOTS}/export-restored.png`, fullPage: true });

    await dropBytes(page, [{ name: 'cut-short.zip', bytes: bundleBytes.subarray(0, 600) }]);
    const error = page.getByTestId('import-error');
    await expect(error).toContainText('Could not restore cut-short.zip.');
    await expect(error).toContainText('The zip archive is damaged or incomplete');
    await expect(error).toContainText('Export the bundle again.');
    await expect(error).not.toContainText(/at \w+ \(|\.ts:\d+/);
    await page.screenshot({ path: `${SHOTS}/export-error.png`, fullPage: true });

    await dropBytes(page, [{ name: 'notes.zip', bytes: Buffer.from('not a zip at all') }]);
    await expect(error).toContainText(
      'This file is not a zip archive. Drop the bundle .zip that Tag Lab exported.',
    );

    // other data, whose categories the model never saw: the bundle restores, scoring is refused with the reason
    await openStep(page, /Data/);
    await dropFiles(page, page.getByTestId('dropzone'), [
      { name: 'purchases.csv', fixture: 'purchases.csv' },
      { name: 'categories.csv', fixture: 'categories.csv' },
    ]);
    await expect(page.getByRole('heading', { name: 'Demo dataset' })).toBeHidden();
    await openStep(page, /Export/);
    await dropBytes(page, [{ name: bundle.suggestedFilename(), bytes: bundleBytes }]);
    await expect(page.getByRole('combobox', { name: 'Run to export' })).toHaveValue(/-restored-2$/);
    const fit = page.getByTestId('fit-note');
    await expect(fit).toContainText('This model does not fit the loaded data, so scoring is refused.');
    await expect(fit).toContainText(
      /Only 0% of the 247 categories the model was trained on are in this data/,
    );
    await page.getByRole('button', { name: 'Score all users' }).click();
    await expect(page.getByTestId('score-error')).toContainText('Load events with the same category ids.');
    await page.screenshot({ path: `${SHOTS}/export-misfit.png`, fullPage: true });
    expect(console.errors).toEqual([]);
  });
});
