// Chromium half of the rules benchmark: bundles rulesWorker.ts and runs it as a dedicated Web Worker (from a blob
// URL, so no server is needed) in headless system Chromium, the way the page runs rules in its lab worker.

import { bundleForBrowser, launchBenchChromium } from './chromium';
import type { RulesWorkerResult } from './rulesWorker';

/** Builds a `users`-user store inside a Chromium worker and times the rule sets there. */
export async function runChromiumRules(users: number): Promise<RulesWorkerResult> {
  const script = await bundleForBrowser(new URL('./rulesWorker.ts', import.meta.url));
  const browser = await launchBenchChromium();
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><title>rules bench</title>');
    const reply = await page.evaluate(
      ({ script, users }) =>
        new Promise<{ ok: boolean; result?: RulesWorkerResult; error?: string }>((resolve) => {
          const url = URL.createObjectURL(new Blob([script], { type: 'text/javascript' }));
          const worker = new Worker(url);
          worker.onmessage = (e) => {
            worker.terminate();
            URL.revokeObjectURL(url);
            resolve(e.data);
          };
          worker.onerror = (e) => resolve({ ok: false, error: e.message });
          worker.postMessage({ users });
        }),
      { script, users },
    );
    if (!reply.ok || !reply.result) throw new Error(`Chromium rules worker (${users} users): ${reply.error}`);
    return reply.result;
  } finally {
    await browser.close();
  }
}
