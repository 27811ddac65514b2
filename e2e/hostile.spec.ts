// Hostile input and a sealed page. One whole flow, from a drop to the exported scores and bundle, over data whose user
// ids, category names and file names hold markup: every value must show as text on every screen and run nothing.
// The same flow records every request the page and its worker make (none may leave the page's origin) and every
// Content-Security-Policy violation (none may occur). A second test shows the policy is there and refuses a remote
// fetch from the page and from the worker, so the first test's silence means something.

import { readFileSync } from 'node:fs';
import { expect, test, type Download, type Page, type Worker } from '@playwright/test';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { dispatchDrop, dropFiles, makeLargeCsvTransfer, watchConsole } from './helpers/files';
import { SHOTS } from './helpers/shots';

test.setTimeout(300_000);

const MARK = (n: number) => `<img src=x onerror=window.__xss=${n}>`;
const MATERNITY = `${MARK(1)}maternity wear`;
const HEELS = `<svg onload=window.__xss=2>high heels`;
const TOYS = '<b>toys</b>';
/** Bought beside the rule categories, so the model has something to learn with the rule categories masked. */
const STROLLERS = '"><script>window.__xss=9</script>strollers';
const LIPSTICK = "'><iframe src=javascript:window.__xss=10>lipstick";
const EVENTS_FILE = `${MARK(3)}events.csv`;
const RULES_FILE = `${MARK(4)}rules.json`;
const RUN_NAME = `${MARK(5)}run`;
const BUNDLE_FILE = `${MARK(6)}bundle.zip`;

/** Quotes a CSV cell (names hold spaces, quotes and = signs). */
const cell = (v: string) => `"${v.replace(/"/g, '""')}"`;

/**
 * 40 positives (maternity and stroller buyers), 40 negatives (heel and lipstick buyers, two of them with ids a
 * spreadsheet would run as formulas) and 40 unlabelled toy buyers, ids holding markup, over six months, with clicks,
 * and a category-name column beside the id.
 */
function hostileEvents(): string {
  const lines = ['user_id,category_id,category_name,time,action'];
  const names: Record<string, string> = { c1: MATERNITY, c2: HEELS, c3: TOYS, c4: STROLLERS, c5: LIPSTICK };
  const add = (user: string, cat: string, month: number, day: number, action: string) =>
    lines.push([cell(user), cat, cell(names[cat]), `2024-0${month}-${10 + day}`, action].join(','));
  for (let i = 0; i < 120; i++) {
    const side = i % 3;
    const user =
      side === 0
        ? `${MARK(7)}p${i}`
        : side === 1
          ? i === 1
            ? '=1+2'
            : i === 4
              ? '@SUM(A1)'
              : `${MARK(7)}n${i}`
          : `${MARK(7)}u${i}`;
    const own = side === 0 ? 'c1' : side === 1 ? 'c2' : 'c3';
    for (let m = 1; m <= 6; m++) {
      add(user, own, m, i % 9, 'buy');
      add(user, 'c3', m, (i + 3) % 9, 'pv');
      if (m % 2 === 0) add(user, own, m, (i + 5) % 9, 'pv');
      if (side < 2 && m % 3 === 0) add(user, side === 0 ? 'c4' : 'c5', m, (i + 7) % 9, 'buy');
    }
  }
  return `${lines.join('\n')}\n`;
}

const RULES = {
  positive: {
    match: 'any',
    conditions: [{ action: 'purchase', categories: ['c1'], windowMonths: 12, min: 3 }],
  },
  negative: {
    match: 'any',
    conditions: [{ action: 'purchase', categories: ['c2'], windowMonths: 12, min: 3 }],
  },
  onConflict: 'drop',
};

async function openStep(page: Page, name: RegExp): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name }).click();
}

/** No markup ran and none became an element: the flag is unset, no element carries an event handler or is an img. */
async function expectNothingRan(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await expect(page.locator('[onerror], [onload], main img, main script, main iframe')).toHaveCount(0);
}

async function download(page: Page, click: () => Promise<void>): Promise<Download> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return file;
}

async function dropZip(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  const payload = { name, base64: Buffer.from(bytes).toString('base64') };
  const transfer = await page.evaluateHandle((item) => {
    const data = new DataTransfer();
    data.items.add(new File([Uint8Array.from(atob(item.base64), (c) => c.charCodeAt(0))], item.name));
    return data;
  }, payload);
  const target = page.getByTestId('bundle-dropzone');
  for (const type of ['dragenter', 'dragover', 'drop'])
    await target.dispatchEvent(type, { dataTransfer: transfer });
  await transfer.dispose();
}

/** Listens for CSP violations inside a worker (the page's listener cannot see them); `workerViolations` reads them. */
function listenInWorker(worker: Worker): Promise<void> {
  return worker.evaluate(() => {
    const scope = globalThis as unknown as { __csp: string[] } & EventTarget;
    scope.__csp = [];
    scope.addEventListener('securitypolicyviolation', (e) => {
      const event = e as SecurityPolicyViolationEvent;
      scope.__csp.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
}

async function workerViolations(page: Page): Promise<string[]> {
  const lists = await Promise.all(
    page.workers().map((w) => w.evaluate(() => (globalThis as unknown as { __csp?: string[] }).__csp ?? [])),
  );
  return lists.flat();
}

/** Every request of the page and its workers, and every CSP violation the page or a worker reports. */
function recordTraffic(page: Page) {
  const requests: string[] = [];
  const violations: string[] = [];
  const workerHeaders: Record<string, string>[] = [];
  page.context().on('request', (request) => requests.push(request.url()));
  page.context().on('response', (response) => {
    if (/lab\.worker-[\w-]+\.js$/.test(response.url())) workerHeaders.push(response.headers());
  });
  const onConsole = (text: string) => {
    if (/Content Security Policy|Refused to/i.test(text)) violations.push(text);
  };
  page.on('console', (m) => onConsole(m.text()));
  page.on('worker', (worker) => {
    worker.on('console', (m) => onConsole(m.text()));
    // A worker closed by a reload before the listener is in place has nothing left to report.
    listenInWorker(worker).catch(() => undefined);
  });
  return { requests, violations, workerHeaders };
}

async function cspEvents(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
});

test('markup in ids, names and file names shows as text through the whole flow; no request leaves the origin', async ({
  page,
  baseURL,
}) => {
  const console = watchConsole(page);
  const traffic = recordTraffic(page);
  page.on('dialog', (dialog) => void dialog.dismiss());
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();

  // Data
  await dropFiles(page, page.getByTestId('dropzone'), [{ name: EVENTS_FILE, text: hostileEvents() }]);
  await expect(page.getByRole('table', { name: 'Files' })).toContainText(EVENTS_FILE, { timeout: 60_000 });
  await expect(page.locator('.chart-panel').getByText(TOYS).first()).toBeVisible();
  await expect(page.locator('.chart-panel').getByText(STROLLERS).first()).toBeVisible();
  await expectNothingRan(page);
  await page.screenshot({ path: `${SHOTS}/hostile-data.png`, fullPage: true });

  // Rules
  await openStep(page, /Rules/);
  await page.getByTestId('rules-file-input').setInputFiles({
    name: RULES_FILE,
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(RULES)),
  });
  await expect(page.getByTestId('rules-notice')).toContainText(`Imported the rules from ${RULES_FILE}`);
  await expect(page.getByText(MATERNITY).first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(HEELS).first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Matched users' })).toContainText(MARK(7), {
    timeout: 60_000,
  });
  await expectNothingRan(page);

  // Train (WASM: the worker fetches the backend's binary, a request the log must see)
  await openStep(page, /Train$/);
  await page.getByRole('radio', { name: /Shallow/ }).check();
  await page.getByRole('combobox', { name: 'Backend' }).selectOption('wasm');
  await expect(page.locator('.badge')).toContainText('wasm', { timeout: 60_000 });
  await page.getByLabel('Epochs').fill('2');
  await page.getByRole('button', { name: /^Train Shallow/ }).click();
  await expect(page.getByTestId('run-row').first()).toHaveAttribute('data-status', 'done', {
    timeout: 180_000,
  });
  await expectNothingRan(page);

  // Compare: the run renamed to markup
  await openStep(page, /Compare/);
  await page.getByTestId('run-name').first().click();
  await page.getByRole('textbox', { name: /New name for/ }).fill(RUN_NAME);
  await page.getByRole('textbox', { name: /New name for/ }).press('Enter');
  await expect(page.getByTestId('run-name').first()).toContainText(RUN_NAME);
  await expect(page.getByTestId('metrics-row')).toHaveCount(1, { timeout: 60_000 });
  await expectNothingRan(page);

  // Export: scores (ids as text on the page, formulas neutralised in the file), the bundle and back
  await openStep(page, /Export/);
  await expect(page.getByRole('combobox', { name: 'Run to export' })).toContainText(RUN_NAME);
  await page.getByRole('button', { name: /Score all users|Score again/ }).click();
  await expect(page.getByTestId('scored-users')).toHaveText('120', { timeout: 120_000 });
  await expect(page.getByRole('table', { name: 'Top-scored users' })).toContainText(MARK(7));
  // Why this user? The marked-up id and category names, as text in the explanation.
  await page.getByRole('table', { name: 'Top-scored users' }).getByRole('button').first().click();
  const explanation = page.getByTestId('user-explanation');
  await expect(explanation).toContainText(MARK(7), { timeout: 60_000 });
  await expect(explanation.getByRole('list', { name: 'Categories' }).first()).toContainText(STROLLERS);
  await expectNothingRan(page);
  const csv = readFileSync(
    await (
      await download(page, () => page.getByRole('button', { name: 'Download scores CSV' }).click())
    ).path(),
    'utf8',
  );
  expect(csv).toContain(`\n"'=1+2",`);
  expect(csv).toContain(`\n"'@SUM(A1)",`);
  expect(csv).toContain(`\n${MARK(7)}p0,`);
  await expectNothingRan(page);
  await page.screenshot({ path: `${SHOTS}/hostile-export.png`, fullPage: true });

  const bundle = readFileSync(
    await (
      await download(page, () => page.getByRole('button', { name: 'Download bundle (.zip)' }).click())
    ).path(),
  );
  await dropZip(page, BUNDLE_FILE, bundle);
  await expect(page.getByTestId('export-run-facts')).toContainText(`from ${BUNDLE_FILE}`, {
    timeout: 60_000,
  });

  // A hostile bundle: the same files plus an entry that climbs out of the folder. Refused, nothing restored.
  const runsBefore = await page.getByRole('combobox', { name: 'Run to export' }).locator('option').count();
  const evil = zipSync({ ...unzipSync(new Uint8Array(bundle)), '../../evil.sh': strToU8('rm -rf ~') });
  await dropZip(page, `${MARK(8)}evil.zip`, evil);
  const error = page.getByTestId('import-error');
  await expect(error).toContainText(`Could not restore ${MARK(8)}evil.zip.`);
  await expect(error).toContainText('"../../evil.sh", which is refused because it climbs out of the folder');
  await expect(page.getByRole('combobox', { name: 'Run to export' }).locator('option')).toHaveCount(
    runsBefore,
  );
  await expectNothingRan(page);

  // Nothing left the page's origin, the worker's requests were seen, and the policy was never violated.
  const origin = new URL(baseURL!).origin;
  const foreign = traffic.requests.filter(
    (url) => !/^(blob|data):/.test(url) && new URL(url).origin !== origin,
  );
  expect(foreign).toEqual([]);
  expect(traffic.requests.some((url) => /lab\.worker-[\w-]+\.js$/.test(url))).toBe(true);
  expect(traffic.requests.some((url) => /\.wasm$/.test(url))).toBe(true);
  expect(traffic.violations).toEqual([]);
  expect(await cspEvents(page)).toEqual([]);
  expect(await workerViolations(page)).toEqual([]);
  expect(console.errors).toEqual([]);
});

test('the built page carries the Content-Security-Policy, which refuses remote fetches from the page and the worker', async ({
  page,
}) => {
  const traffic = recordTraffic(page);
  const response = await page.goto('/');
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toContain("connect-src 'self'");
  expect(meta).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(response?.headers()['content-security-policy']).toContain("worker-src 'self'");

  const fromPage = await page.evaluate(() =>
    fetch('http://192.0.2.1/leak').then(
      () => 'sent',
      () => 'refused',
    ),
  );
  expect(fromPage).toBe('refused');
  await expect.poll(() => cspEvents(page)).toContain('connect-src http://192.0.2.1/leak');

  // The worker starts with the page; its own policy comes from the header served with its script.
  await expect.poll(() => page.workers().length, { timeout: 30_000 }).toBeGreaterThan(0);
  await expect.poll(() => traffic.workerHeaders.length).toBeGreaterThan(0);
  expect(traffic.workerHeaders[0]['content-security-policy']).toContain("connect-src 'self'");
  const fromWorker = await page.workers()[0].evaluate(async () => {
    const seen: string[] = [];
    globalThis.addEventListener('securitypolicyviolation', (e) => {
      const event = e as SecurityPolicyViolationEvent;
      seen.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
    const outcome = await fetch('http://192.0.2.1/leak-from-worker').then(
      () => 'sent',
      () => 'refused',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    return { outcome, seen };
  });
  expect(fromWorker).toEqual({ outcome: 'refused', seen: ['connect-src http://192.0.2.1/leak-from-worker'] });
});

test('a drop too big for the tab is refused before parsing, with the CLI commands that can read it', async ({
  page,
}) => {
  const console = watchConsole(page);
  // A tab whose heap limit (Chromium's performance.memory) is 20 MB: a 24 MB export of 600,000 events cannot fit.
  await page.addInitScript(() => {
    Object.defineProperty(performance, 'memory', { value: { jsHeapSizeLimit: 20 * 1024 * 1024 } });
  });
  await page.goto('/');
  const transfer = await makeLargeCsvTransfer(page, 600_000);
  await dispatchDrop(page.getByTestId('dropzone'), transfer);
  const notice = page.getByTestId('data-too-big');
  await expect(notice).toContainText(
    /These files hold about [\d,]+ events: importing them needs about \d+ MB/,
    {
      timeout: 60_000,
    },
  );
  await expect(notice).toContainText('this tab can spend about 10 MB (heap limit)');
  await expect(notice).toContainText('npm run cli -- inspect FILE...');
  await expect(page.getByRole('heading', { name: 'Imported dataset' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Import anyway/ })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/data-too-big.png`, fullPage: true });
  await page.getByRole('button', { name: 'Leave it' }).click();
  await expect(notice).toHaveCount(0);
  await expect(page.getByText('Nothing was imported. The dataset is unchanged.')).toBeVisible();
  expect(console.errors).toEqual([]);
});
