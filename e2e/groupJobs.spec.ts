// A group of repeats with Workers at 2: the Train screen sends the whole group to the lab worker, which trains the
// runs whole side by side on two job sub-workers. Every run of the group is live at once (a row each, with its own
// bar and Stop), each finishes as a normal run in the runs list with its group, and the sub-workers end with the
// group. Stop on one run ends that run only; Stop all ends the rest.

import { expect, test, type Page, type Worker } from '@playwright/test';
import { watchConsole } from './helpers/files';
import { loadDemoWithCappedSample, openTrainScreen } from './helpers/lab';
import { SHOTS } from './helpers/shots';

test.setTimeout(300_000);

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

/** Demo data, Shallow on WASM, Workers 2, three model seeds as one group. */
async function setUpGroup(page: Page, epochs: string, patience = '3') {
  await loadDemoWithCappedSample(page, 300);
  await openTrainScreen(page);
  await page.getByRole('radiogroup', { name: 'Model kind' }).getByText('Shallow', { exact: true }).click();
  await page.getByRole('combobox', { name: 'Backend' }).selectOption('wasm');
  await expect(page.locator('.badge')).toContainText('wasm', { timeout: 60_000 });
  await page.getByRole('spinbutton', { name: 'Epochs', exact: true }).fill(epochs);
  await page.getByRole('spinbutton', { name: 'Epochs', exact: true }).press('Tab');
  await page.getByRole('spinbutton', { name: 'Early-stop patience', exact: true }).fill(patience);
  await page.getByRole('spinbutton', { name: 'Early-stop patience', exact: true }).press('Tab');
  await page.getByLabel('Workers').fill('2');
  await page.getByLabel('Workers').blur();
  await page.getByLabel('Repeat runs', { exact: true }).selectOption({ label: '3 seeds' });
  await page.getByRole('button', { name: /^Train Shallow/ }).click();
  const live = page.getByTestId('group-live');
  await expect(live).toContainText('3 runs on 2 workers side by side', { timeout: 60_000 });
  return live;
}

test('three seeds with Workers at 2 train side by side on two job sub-workers and finish as normal runs', async ({
  page,
}) => {
  const console = watchConsole(page);
  const jobs = watchJobWorkers(page);
  const live = await setUpGroup(page, '4');
  await expect(live.getByTestId('group-live-row')).toHaveCount(3);
  // two train at once while the third waits for a free worker
  await expect(live.getByTestId('group-live-phase').nth(2)).toHaveText('Waiting for a worker');
  await page
    .getByRole('region', { name: 'Training now' })
    .screenshot({ path: `${SHOTS}/train-group-live.png` });
  const rows = page.getByTestId('run-row');
  await expect(rows).toHaveCount(3, { timeout: 120_000 });
  for (let i = 0; i < 3; i++)
    await expect(rows.nth(i)).toHaveAttribute('data-status', 'done', { timeout: 180_000 });
  await expect(page.getByTestId('run-group')).toHaveText([
    ' · seed 1 of 3',
    ' · seed 2 of 3',
    ' · seed 3 of 3',
  ]);
  await expect(page.getByTestId('run-job-workers')).toHaveText(Array(3).fill('whole on 1 of 2 job workers'));
  for (let i = 0; i < 3; i++) await expect(rows.nth(i).getByTestId('run-val-auc')).toHaveText(/^0\.\d{3}$/);
  await expect(live).toHaveCount(0);
  expect(jobs.started()).toBe(2);
  await expect.poll(jobs.open).toBe(0);
  await page.screenshot({ path: `${SHOTS}/train-group-done.png`, fullPage: true });
  expect(console.errors).toEqual([]);
});

test('Stop on one run of the group ends that run only, keeping what it learned', async ({ page }) => {
  const jobs = watchJobWorkers(page);
  // many epochs and no early stop: the runs train until stopped
  const live = await setUpGroup(page, '1000', '0');
  const rows = live.getByTestId('group-live-row');
  await expect(rows.first()).toContainText(/epoch ([2-9]|\d\d+) of 1,?000/, { timeout: 120_000 });
  await live.getByRole('button', { name: 'Stop shallow #1' }).click();
  await expect(rows.first().getByTestId('group-live-phase')).toHaveText('stopped', { timeout: 60_000 });
  // the second run trains on, and the third takes the freed worker
  await expect(rows.nth(1).getByTestId('group-live-phase')).toHaveText('Training');
  await expect(rows.nth(2).getByTestId('group-live-phase')).toHaveText('Training', { timeout: 60_000 });
  await page.getByRole('region', { name: 'Training now' }).screenshot({ path: `${SHOTS}/train-group.png` });
  const first = page.getByTestId('run-row').first();
  await expect(first).toHaveAttribute('data-status', 'stopped');
  await expect(first.getByTestId('run-val-auc')).toHaveText(/^0\.\d{3}$/);
  // Stop all ends the rest: the group ends and its sub-workers with it
  await live.getByRole('button', { name: 'Stop all' }).click();
  await expect(live).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId('run-row')).toHaveCount(3);
  for (let i = 0; i < 3; i++)
    await expect(page.getByTestId('run-row').nth(i)).toHaveAttribute('data-status', 'stopped');
  expect(jobs.started()).toBe(2);
  await expect.poll(jobs.open).toBe(0);
});
