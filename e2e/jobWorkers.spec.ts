// Independent jobs on several workers in the page: with the Workers setting at 2 a sweep's runs train whole on two
// job sub-workers, the summary says so, and both sub-workers end with the sweep (Cancel and a failed run end them
// too); the label audit's folds train on them likewise.

import { expect, test, type Page, type Worker } from '@playwright/test';
import { watchConsole } from './helpers/files';
import { loadDemoWithCappedSample, openTrainScreen } from './helpers/lab';

test.setTimeout(240_000);

/** Every job sub-worker the page starts, and whether it has closed. */
function watchJobWorkers(page: Page): { started: () => number; open: () => number } {
  const workers = new Map<Worker, boolean>();
  page.on('worker', (w) => {
    if (!/job\.worker/.test(w.url())) return;
    workers.set(w, true);
    w.on('close', () => workers.set(w, false));
  });
  return { started: () => workers.size, open: () => [...workers.values()].filter(Boolean).length };
}

async function setUpSweep(page: Page, hidden: string, epochs: string) {
  await loadDemoWithCappedSample(page, 300);
  await openTrainScreen(page);
  await page.getByRole('radio', { name: /Shallow/ }).check();
  await page.getByRole('combobox', { name: 'Backend' }).selectOption('wasm');
  await expect(page.locator('.badge')).toContainText('wasm', { timeout: 60_000 });
  await page.getByLabel('Epochs').fill(epochs);
  await page.getByLabel('Workers').fill('2');
  await page.getByLabel('Workers').blur();
  const sweep = page.getByRole('region', { name: 'Sweep' });
  await sweep.getByLabel('Hidden size values').fill(hidden);
  await sweep.getByLabel('Dropout values').fill('');
  return sweep;
}

test('a sweep with Workers at 2 trains its points on two job sub-workers, which end with it', async ({
  page,
}) => {
  const console = watchConsole(page);
  const jobs = watchJobWorkers(page);
  const sweep = await setUpSweep(page, '4,8,16', '1');
  await sweep.getByRole('button', { name: 'Start sweep' }).click();
  await expect(sweep.getByTestId('sweep-summary')).toContainText('3 of 3 points trained', {
    timeout: 180_000,
  });
  await expect(sweep.getByTestId('sweep-summary')).toContainText('2 workers side by side');
  await expect(sweep.getByRole('table', { name: 'Sweep results' }).locator('tbody tr')).toHaveCount(3);
  expect(jobs.started()).toBe(2);
  await expect.poll(jobs.open).toBe(0);
  expect(console.errors).toEqual([]);
});

test('Cancel stops a sweep on job sub-workers and ends them all', async ({ page }) => {
  const jobs = watchJobWorkers(page);
  const sweep = await setUpSweep(page, '4,8,16,32,64,128,256,512', '40');
  await sweep.getByRole('button', { name: 'Start sweep' }).click();
  await expect.poll(jobs.started, { timeout: 60_000 }).toBe(2);
  const job = page.getByRole('region', { name: 'Running job' });
  // cancel once the runs are training (a progress line with an epoch count)
  await expect(job).toContainText(/epoch [1-9]/, { timeout: 120_000 });
  await job.getByRole('button', { name: 'Cancel sweep' }).click();
  await expect(sweep.getByTestId('sweep-summary')).toContainText('Cancelled', { timeout: 60_000 });
  await expect.poll(jobs.open).toBe(0);
});

test('a run that fails on a job sub-worker stops the sweep with a message naming it', async ({ page }) => {
  const jobs = watchJobWorkers(page);
  // the planner lets 100000 through; the model builder on the sub-worker refuses it (at most 512)
  const sweep = await setUpSweep(page, '4,100000', '1');
  await sweep.getByRole('button', { name: 'Start sweep' }).click();
  await expect(sweep.getByRole('alert')).toHaveText(
    /^The sweep stopped: run 2\.1 \(hidden=100000\) failed: hidden must be a whole number from 1 to 512/,
    { timeout: 120_000 },
  );
  await expect(page.getByRole('region', { name: 'Running job' })).toHaveCount(0);
  await expect.poll(jobs.open).toBe(0);
});

test('the label audit with Workers at 2 trains its folds on two job sub-workers, which end with it', async ({
  page,
}) => {
  const console = watchConsole(page);
  const jobs = watchJobWorkers(page);
  await setUpSweep(page, '4', '2');
  await page.getByRole('button', { name: /Compare/ }).click();
  const panel = page.getByTestId('audit-panel');
  await panel.getByLabel('Audit folds').fill('3');
  await panel.getByRole('button', { name: 'Audit the labels' }).click();
  await expect(panel.getByTestId('audit-progress')).toContainText(/fold \d of 3/);
  await expect(panel.getByTestId('audit-result')).toBeVisible({ timeout: 180_000 });
  await expect(panel.getByTestId('audit-conditions').locator('tbody tr')).toHaveCount(2);
  expect(jobs.started()).toBe(2);
  await expect.poll(jobs.open).toBe(0);
  expect(console.errors).toEqual([]);
});
