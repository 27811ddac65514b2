// Scoring every user on the Workers setting: with 2 workers the lab worker spawns a scoring sub-worker, the scores
// file is byte for byte the one-worker file, and a sub-worker closed mid-scoring (as an out-of-memory kill ends it,
// without an error event) leaves its users to the lab worker, which says so: the file is still the same. Cancel on
// two workers stops the scoring and closes its sub-worker.

import { expect, test, type Page } from '@playwright/test';
import { watchConsole } from './helpers/files';
import { loadDemoWithCappedSample, openTrainScreen } from './helpers/lab';

test.setTimeout(300_000);

async function setWorkers(page: Page, workers: number): Promise<void> {
  await page
    .getByRole('navigation')
    .getByRole('button', { name: /Train$/ })
    .click();
  const field = page.getByRole('spinbutton', { name: 'Workers', exact: true });
  await field.fill(String(workers));
  await field.blur();
  await page
    .getByRole('navigation')
    .getByRole('button', { name: /Export$/ })
    .click();
}

/** Scores every user, waits until `done` shows this scoring's outcome, and returns the scores CSV. */
async function scoreAndDownload(page: Page, done: () => Promise<void>): Promise<string> {
  await page.getByRole('button', { name: /Score all users|Score again/ }).click();
  await done();
  await expect(page.getByTestId('scored-users')).toHaveText('10,000');
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download scores CSV' }).click(),
  ]);
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

test('scoring on two workers gives the one-worker scores file; a closed sub-worker’s users are scored by the lab worker; Cancel closes the sub-worker', async ({
  page,
}) => {
  const console = watchConsole(page);
  const scorers: string[] = [];
  let scorersClosed = 0;
  let closeNextScorer = false;
  page.on('worker', (worker) => {
    if (!worker.url().includes('scorer')) return;
    scorers.push(worker.url());
    worker.on('close', () => scorersClosed++);
    if (!closeNextScorer) return;
    closeNextScorer = false;
    // test-only: once the lab worker watches this sub-worker's life lock, the sub-worker closes itself
    void worker
      .evaluate(async () => {
        const name = (self as unknown as { name: string }).name;
        for (;;) {
          const { pending } = await navigator.locks.query();
          if (pending?.some((lock) => lock.name === name)) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        (self as unknown as { close(): void }).close();
      })
      .catch(() => undefined);
  });
  await loadDemoWithCappedSample(page);
  await openTrainScreen(page);
  // the dual LSTM: its scoring lasts long enough for the sub-worker to be closed while it works
  await page.getByRole('radio', { name: /Dual LSTM/ }).check();
  await page.getByRole('combobox', { name: 'Backend' }).selectOption('wasm');
  await expect(page.locator('.badge')).toContainText('wasm', { timeout: 60_000 });
  await page.getByLabel('Epochs').fill('1');
  await page.getByRole('spinbutton', { name: 'Workers', exact: true }).fill('1');
  await page.getByRole('spinbutton', { name: 'Workers', exact: true }).blur();
  await page.getByRole('button', { name: /^Train Dual LSTM/ }).click();
  await expect(page.getByTestId('run-row').first()).toHaveAttribute('data-status', 'done', {
    timeout: 180_000,
  });

  await page
    .getByRole('navigation')
    .getByRole('button', { name: /Export$/ })
    .click();
  const summary = page.getByTestId('score-summary');
  const notice = page.getByTestId('score-workers-notice');
  const oneWorker = await scoreAndDownload(page, () =>
    expect(summary).toContainText('on wasm, 1 worker.', { timeout: 180_000 }),
  );
  expect(scorers).toEqual([]);

  await setWorkers(page, 2);
  const twoWorkers = await scoreAndDownload(page, () =>
    expect(summary).toContainText('on wasm, 2 workers.', { timeout: 180_000 }),
  );
  await expect(notice).toHaveCount(0);
  expect(scorers).toHaveLength(1);
  expect(twoWorkers.split('\n').length).toBe(10_002);
  expect(twoWorkers).toBe(oneWorker);

  closeNextScorer = true;
  const afterClose = await scoreAndDownload(page, () =>
    expect(notice).toHaveText(
      /^Scoring worker 2 of 2 failed \(the sub-worker was closed, crashed or ran out of memory\); worker 1 scored its [\d,]+ remaining users instead, so every user is scored\.$/,
      { timeout: 180_000 },
    ),
  );
  expect(scorers).toHaveLength(2);
  expect(afterClose).toBe(oneWorker);

  // Cancel on two workers: the scoring stops, its sub-worker is closed, the scores from before stay
  const shown = await summary.textContent();
  await page.getByRole('button', { name: 'Score again' }).click();
  const scoring = page.getByRole('status').filter({ hasText: 'Scoring:' });
  await expect(scoring).toBeVisible();
  await expect.poll(() => scorers.length).toBe(3);
  await scoring.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('score-notice')).toHaveText(
    'Scoring cancelled. The scores shown before are kept.',
  );
  await expect(scoring).toHaveCount(0);
  await expect.poll(() => scorersClosed, { timeout: 30_000 }).toBe(3);
  await expect(summary).toHaveText(shown ?? '');
  expect(console.errors).toEqual([]);
});
