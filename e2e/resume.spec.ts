// Runs that survive what a browser does to long work: a run cut off by a reload comes back "interrupted at epoch k"
// and Resume finishes it with the numbers of the same run never interrupted; a WebGL context lost mid-run (forced
// with WEBGL_lose_context from inside the worker) moves the run to WASM from its last checkpoint, with a notice.

import { expect, test, type Page } from '@playwright/test';
import { watchConsole } from './helpers/files';
import { loadDemoWithCappedSample, openTrainScreen } from './helpers/lab';
import { SHOTS } from './helpers/shots';

test.setTimeout(480_000);

const EPOCHS = 12;

/** Shallow, EPOCHS epochs, no early stop (so both runs train every epoch), then Train. */
async function trainShallow(page: Page): Promise<void> {
  await page.getByRole('radiogroup', { name: 'Model kind' }).getByText('Shallow', { exact: true }).click();
  await page.getByRole('spinbutton', { name: 'Epochs', exact: true }).fill(String(EPOCHS));
  await page.getByRole('spinbutton', { name: 'Early-stop patience', exact: true }).fill('0');
  await page.getByRole('button', { name: /^Train Shallow/ }).click();
}

/** Epoch points in the Train screen's accuracy chart of a run (-1 while its curves are not shown). */
async function epochPoints(page: Page, runName: string): Promise<number> {
  const chart = page.getByRole('region', { name: `Curves of ${runName}` }).getByTestId('chart-accuracy');
  if ((await chart.count()) === 0) return -1;
  return Number((await chart.getAttribute('data-epoch-points')) ?? -1);
}

test('a run cut off by a reload comes back interrupted; Resume ends it where the uninterrupted run ended', async ({
  page,
}) => {
  const console = watchConsole(page);
  await loadDemoWithCappedSample(page);
  await openTrainScreen(page);
  const rows = page.getByTestId('run-row');

  await trainShallow(page);
  await expect(rows.nth(0)).toHaveAttribute('data-status', 'done', { timeout: 240_000 });
  await trainShallow(page);
  await expect.poll(() => epochPoints(page, 'shallow #2'), { timeout: 120_000 }).toBeGreaterThanOrEqual(2);
  // a reload returns to the Train screen (its address); the model summary there means the dataset is back
  await page.reload();
  await expect(rows).toHaveCount(2, { timeout: 120_000 });
  await openTrainScreen(page);

  await expect(rows.nth(1)).toHaveAttribute('data-status', 'interrupted');
  await expect(rows.nth(1)).toContainText(/Interrupted at epoch \d+/);
  await page.screenshot({ path: `${SHOTS}/train-interrupted.png`, fullPage: true });
  await page.getByRole('button', { name: 'Resume shallow #2' }).click();
  await expect(rows.nth(1)).toHaveAttribute('data-status', 'done', { timeout: 240_000 });

  // the same seed and settings: the resumed run ends with the uninterrupted run's numbers
  const accuracy = await page.getByTestId('run-val-accuracy').allInnerTexts();
  const auc = await page.getByTestId('run-val-auc').allInnerTexts();
  expect(accuracy[1]).toBe(accuracy[0]);
  expect(auc[1]).toBe(auc[0]);
  expect(Number(auc[0])).toBeGreaterThan(0.8);
  await expect(rows.nth(1).locator('td').nth(4)).toHaveText(String(EPOCHS));
  // and the same weights: each tensor's mean, spread and range as the weights panel prints them
  const weightsOf = async (name: string) => {
    await page.getByRole('button', { name, exact: true }).click();
    await expect(page.getByRole('region', { name: 'Weights' })).toContainText(name);
    const grid = page.getByTestId('weights-grid');
    await expect(grid.getByTestId('weight-tensor')).toHaveCount(4);
    return grid.innerText();
  };
  expect(await weightsOf('shallow #2')).toBe(await weightsOf('shallow #1'));
  expect(console.errors).toEqual([]);
});

test('a WebGL context lost mid-run: the run goes on on WASM from its last checkpoint and says so', async ({
  page,
}) => {
  await loadDemoWithCappedSample(page);
  await openTrainScreen(page);
  await expect(page.getByRole('combobox', { name: 'Backend' })).toHaveValue('webgl');
  const rows = page.getByTestId('run-row');
  await trainShallow(page);
  await expect.poll(() => epochPoints(page, 'shallow #1'), { timeout: 120_000 }).toBeGreaterThanOrEqual(2);

  // test-only: lose the context of the worker's TF.js WebGL backend, as a GPU reset would
  const worker = page.workers().find((w) => w.url().includes('worker'));
  expect(worker).toBeDefined();
  await worker!.evaluate(() => {
    const engine = (globalThis as { _tfengine?: { backend: { gpgpu: { gl: WebGLRenderingContext } } } })
      ._tfengine;
    engine!.backend.gpgpu.gl.getExtension('WEBGL_lose_context')!.loseContext();
  });

  await expect(page.getByTestId('train-notice')).toContainText(
    /WebGL context was lost during epoch \d+; the run continued on WASM from its checkpoint of epoch \d+/,
    { timeout: 60_000 },
  );
  await expect(rows.nth(0)).toHaveAttribute('data-status', 'done', { timeout: 240_000 });
  await expect(rows.nth(0).getByTestId('run-backend')).toContainText('wasm');
  await expect(rows.nth(0).locator('td').nth(4)).toHaveText(String(EPOCHS));
  expect(Number(await page.getByTestId('run-val-auc').first().innerText())).toBeGreaterThan(0.8);
  await page.screenshot({ path: `${SHOTS}/train-context-lost.png`, fullPage: true });
});

test('a lab worker that dies mid-run: a fresh one takes over, the run is interrupted, Resume finishes it', async ({
  page,
}) => {
  await loadDemoWithCappedSample(page);
  await openTrainScreen(page);
  const rows = page.getByTestId('run-row');
  await trainShallow(page);
  // a second run waits in the queue: the restart must not start it
  await trainShallow(page);
  await expect(rows.nth(1)).toHaveAttribute('data-status', 'queued');
  await expect.poll(() => epochPoints(page, 'shallow #1'), { timeout: 120_000 }).toBeGreaterThanOrEqual(2);

  // test-only: the lab worker closes itself, as a crash or an out-of-memory kill ends it (no event reaches the page)
  const worker = page.workers().find((w) => w.url().includes('worker'));
  expect(worker).toBeDefined();
  void worker!.evaluate(() => (self as unknown as { close(): void }).close()).catch(() => undefined);

  const notice = page.getByTestId('workerNotice');
  await expect(notice).toContainText(/background worker stopped .*a fresh one took over/, {
    timeout: 60_000,
  });
  await expect(notice).toContainText('The dataset saved in this browser is back.');
  await expect(notice).toContainText(/shallow #1 is interrupted at epoch \d+, its checkpoint kept/);
  await expect(rows.nth(0)).toHaveAttribute('data-status', 'interrupted');
  await expect(rows.nth(0)).toContainText(/Interrupted at epoch \d+/);
  await expect(rows.nth(1)).toHaveAttribute('data-status', 'queued');
  await page.screenshot({ path: `${SHOTS}/train-worker-stopped.png`, fullPage: true });

  await page.getByRole('button', { name: 'Resume shallow #1' }).click();
  await expect(rows.nth(0)).toHaveAttribute('data-status', 'done', { timeout: 240_000 });
  await expect(rows.nth(0).locator('td').nth(4)).toHaveText(String(EPOCHS));
  // the queued run starts after the resumed one and ends with the same numbers (same settings and seed)
  await expect(rows.nth(1)).toHaveAttribute('data-status', 'done', { timeout: 240_000 });
  const auc = await page.getByTestId('run-val-auc').allInnerTexts();
  expect(auc[0]).toBe(auc[1]);
  expect(Number(auc[0])).toBeGreaterThan(0.8);
});

test('a replica sub-worker that dies mid-run: the run ends interrupted at its checkpoint, Resume finishes it', async ({
  page,
}) => {
  await loadDemoWithCappedSample(page);
  await openTrainScreen(page);
  const rows = page.getByTestId('run-row');
  await page.getByRole('spinbutton', { name: 'Workers', exact: true }).fill('2');
  await trainShallow(page);
  await expect.poll(() => epochPoints(page, 'shallow #1'), { timeout: 120_000 }).toBeGreaterThanOrEqual(2);

  // test-only: the replica sub-worker closes itself, as an out-of-memory kill ends it (no error event)
  const replica = page.workers().find((w) => w.url().includes('replica'));
  expect(replica).toBeDefined();
  void replica!.evaluate(() => (self as unknown as { close(): void }).close()).catch(() => undefined);

  await expect(rows.nth(0)).toHaveAttribute('data-status', 'interrupted', { timeout: 60_000 });
  await expect(rows.nth(0)).toContainText(
    /Interrupted at epoch \d+: .*worker 2 of 2 failed \(the sub-worker was closed, crashed or ran out of memory\)/,
  );
  await page.getByRole('button', { name: 'Resume shallow #1' }).click();
  await expect(rows.nth(0)).toHaveAttribute('data-status', 'done', { timeout: 240_000 });
  await expect(rows.nth(0).locator('td').nth(4)).toHaveText(String(EPOCHS));
  expect(Number(await page.getByTestId('run-val-auc').first().innerText())).toBeGreaterThan(0.8);
});
