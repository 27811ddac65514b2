// Rule evaluation speed: the editor re-runs the rules on every edit, so 1 million users should take about a second.
// Builds a synthetic store (≈20 events per user over two years) and times evaluateRules, median of a few runs, in
// Node and again inside a Web Worker of headless Chromium (bench/browser/rulesChromium.ts), where the page runs it.

import { pathToFileURL } from 'node:url';
import type { EventStore } from '../src/core/events';
import { createBatchBuilder, buildFeatureSpec } from '../src/core/features';
import { runChromiumRules } from './browser/rulesChromium';
import {
  buildSyntheticStore,
  measureRuleCases,
  timeMedian,
  type RulesMeasurement,
} from './browser/rulesWorkload';

export { buildSyntheticStore };

export interface RulesBenchRow extends RulesMeasurement {
  environment: 'node' | 'chromium-worker';
}

export interface RulesBenchOptions {
  /** users in the synthetic store (default 1 million), the same in Node and in Chromium */
  users?: number;
  /** also time the rules inside a Web Worker of headless Chromium (default true) */
  browser?: boolean;
  log?: (line: string) => void;
}

export async function runRulesBench(options: RulesBenchOptions = {}): Promise<RulesBenchRow[]> {
  const users = options.users ?? 1_000_000;
  const log = options.log ?? (() => {});
  const start = performance.now();
  const store = buildSyntheticStore(users);
  log(`node: built ${users} users, ${store.category.length} events in ${secondsSince(start).toFixed(1)} s`);
  const rows: RulesBenchRow[] = measureRuleCases(store).map((m) => ({ environment: 'node', ...m }));
  rows.push({ environment: 'node', ...timeFeatureBatches(store, Math.min(users, 20_000)) });
  if (options.browser ?? true) {
    const chromium = await runChromiumRules(users);
    log(`chromium worker: built the same store in ${chromium.buildSeconds.toFixed(1)} s`);
    rows.push(...chromium.rows.map((m) => ({ environment: 'chromium-worker' as const, ...m })));
  }
  return rows;
}

function secondsSince(start: number): number {
  return (performance.now() - start) / 1000;
}

/** Feature batches sit in the training hot loop: time building all three inputs, 64 users a batch. */
function timeFeatureBatches(store: EventStore, users: number): RulesMeasurement {
  const builder = createBatchBuilder(store, buildFeatureSpec(store));
  const batch = new Int32Array(64);
  let events = 0;
  const buildAll = (): void => {
    for (let start = 0; start + 64 <= users; start += 64) {
      for (let b = 0; b < 64; b++) batch[b] = start + b;
      builder.build(batch);
    }
  };
  buildAll();
  const seconds = timeMedian(3, buildAll);
  for (let u = 0; u < users; u++) events += store.userStart[u + 1] - store.userStart[u];
  return {
    name: 'features: batches of 64 (yearly + 18 months + 90 days, 2,000 categories)',
    users,
    events,
    seconds,
    usersPerSec: users / seconds,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const users = Number(process.argv.find((a) => a.startsWith('--users='))?.slice(8) ?? 1_000_000);
  const browser = !process.argv.includes('--no-browser');
  runRulesBench({ users, browser, log: (line) => console.error(line) }).then((rows) => {
    for (const r of rows)
      console.log(
        `${r.environment} ${r.name}: ${r.users.toLocaleString('en-US')} users, ${r.events.toLocaleString('en-US')} events, ` +
          `${(r.seconds * 1000).toFixed(0)} ms (${Math.round(r.usersPerSec).toLocaleString('en-US')} users/s)`,
      );
  });
}
