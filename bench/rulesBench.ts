// Rule evaluation speed: the editor re-runs the rules on every edit, so 1 million users should take about a second.
// Builds a synthetic store (≈20 events per user over two years) and times evaluateRules, median of a few runs.

import { pathToFileURL } from 'node:url';
import { EventStoreBuilder } from '../src/core/events/storeBuilder';
import type { EventStore } from '../src/core/events/types';
import { createBatchBuilder } from '../src/core/features/batch';
import { buildFeatureSpec } from '../src/core/features/spec';
import { evaluateRules } from '../src/core/labels/evaluate';
import { DEMO_RULES } from '../src/core/labels/parseRules';
import type { RuleSet } from '../src/core/labels/types';
import { createRandom } from '../src/core/random';
import { dayFromIso } from '../src/core/time';

export interface RulesBenchRow {
  name: string;
  users: number;
  events: number;
  seconds: number;
  usersPerSec: number;
}

const CATEGORIES = 2000;
const NAMED = ['maternity care', 'maternity wear', 'high heels', 'cosmetics', 'baby food', 'books'];

/** Synthetic store: 20 ± 10 events per user, uniform over two years, a few named categories a bit more common. */
export function buildSyntheticStore(users: number, seed = 1): EventStore {
  const random = createRandom(seed);
  const builder = new EventStoreBuilder();
  for (let c = 0; c < CATEGORIES; c++) {
    builder.addCategory(String(c));
    builder.setCategoryName(String(c), NAMED[c] ?? `category ${c}`);
  }
  const lastDay = dayFromIso('2024-06-30');
  for (let u = 0; u < users; u++) {
    const id = `u${u}`;
    const events = 10 + Math.floor(random() * 21);
    for (let e = 0; e < events; e++) {
      const r = random();
      const category = r < 0.2 ? Math.floor(random() * NAMED.length) : Math.floor(random() * CATEGORIES);
      const day = lastDay - Math.floor(random() * 730);
      builder.push(id, String(category), day, random() < 0.3 ? 0 : 1, 1 + Math.floor(random() * 3));
    }
  }
  return builder.finish();
}

const WIDE_RULES: RuleSet = {
  positive: {
    match: 'all',
    conditions: [
      { action: 'purchase', categories: ['maternity care', 'maternity wear'], windowMonths: 12, min: 2 },
      { action: 'click', categories: ['baby food', 'books', '100', '200', '300'], windowMonths: 3, min: 1 },
    ],
  },
  negative: {
    match: 'any',
    conditions: [
      { action: 'purchase', categories: ['high heels', 'cosmetics'], windowMonths: 12, min: 3 },
      { action: 'click', categories: ['cosmetics'], windowMonths: 1, min: 1 },
    ],
  },
  onConflict: 'drop',
};

function timeMedian(runs: number, work: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    times.push((performance.now() - start) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export async function runRulesBench(options: { users?: number } = {}): Promise<RulesBenchRow[]> {
  const users = options.users ?? 1_000_000;
  const store = buildSyntheticStore(users);
  const events = store.category.length;
  const rows: RulesBenchRow[] = [];
  for (const [name, rules] of [
    ['rules: demo preset (2 conditions)', DEMO_RULES],
    ['rules: 4 conditions, purchase + click, all/any', WIDE_RULES],
  ] as const) {
    evaluateRules(store, rules); // warm-up: JIT and the category lookup cache
    const seconds = timeMedian(5, () => evaluateRules(store, rules));
    rows.push({ name, users, events, seconds, usersPerSec: users / seconds });
  }
  rows.push(timeFeatureBatches(store, Math.min(users, 20_000)));
  return rows;
}

/** Feature batches sit in the training hot loop: time building all three inputs, 64 users a batch. */
function timeFeatureBatches(store: EventStore, users: number): RulesBenchRow {
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
  runRulesBench({ users }).then((rows) => {
    for (const r of rows)
      console.log(
        `${r.name}: ${r.users.toLocaleString('en-US')} users, ${r.events.toLocaleString('en-US')} events, ` +
          `${(r.seconds * 1000).toFixed(0)} ms (${Math.round(r.usersPerSec).toLocaleString('en-US')} users/s)`,
      );
  });
}
