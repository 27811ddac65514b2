// The rules benchmark's workload, shared by its Node half (bench/rulesBench.ts) and its Chromium worker half
// (rulesWorker.ts): the synthetic store, the two rule sets and the timed loop. Browser-safe: no Node imports.

import { EventStoreBuilder } from '../../src/core/events';
import type { EventStore } from '../../src/core/events';
import { evaluateRules, DEMO_RULES } from '../../src/core/labels';
import type { RuleSet } from '../../src/core/labels';
import { createRandom } from '../../src/core/random';
import { dayFromIso } from '../../src/core/time';

/** One timed rule set (or feature pass) over `users` users and their `events` events. */
export interface RulesMeasurement {
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

const RULE_CASES: readonly (readonly [string, RuleSet])[] = [
  ['rules: demo preset (2 conditions)', DEMO_RULES],
  ['rules: 4 conditions, purchase + click, all/any', WIDE_RULES],
];

/** Median wall time of `runs` calls, seconds. */
export function timeMedian(runs: number, work: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    times.push((performance.now() - start) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** Times evaluateRules with each rule set over the whole store: one warm-up, then the median of 5. */
export function measureRuleCases(store: EventStore): RulesMeasurement[] {
  const users = store.userIds.length;
  const events = store.category.length;
  return RULE_CASES.map(([name, rules]) => {
    evaluateRules(store, rules); // warm-up: JIT and the category lookup cache
    const seconds = timeMedian(5, () => evaluateRules(store, rules));
    return { name, users, events, seconds, usersPerSec: users / seconds };
  });
}
