// Web Worker entry of the Chromium rules benchmark: builds the synthetic store inside the worker (where the page
// keeps its dataset) and times evaluateRules as the Node half does. Messages: { users } → { ok, result | error }.

import { buildSyntheticStore, measureRuleCases, type RulesMeasurement } from './rulesWorkload';
import { describeError } from '../../src/core/errors';

export interface RulesWorkerResult {
  /** building the synthetic store in the worker, seconds (not part of the rule timing) */
  buildSeconds: number;
  rows: RulesMeasurement[];
}

function run(users: number): RulesWorkerResult {
  const start = performance.now();
  const store = buildSyntheticStore(users);
  const buildSeconds = (performance.now() - start) / 1000;
  return { buildSeconds, rows: measureRuleCases(store) };
}

self.onmessage = (event: MessageEvent<{ users: number }>) => {
  try {
    self.postMessage({ ok: true, result: run(event.data.users) });
  } catch (err: unknown) {
    self.postMessage({ ok: false, error: describeError(err) });
  }
};
