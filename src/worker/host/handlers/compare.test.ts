// the globals idb checks requests against (IDBRequest…); each test still opens its own factory
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { fingerprintData } from '../../../core/bundle';
import { evaluateAgainstTruth, pickTruthExamples } from '../../../core/evaluation';
import { DEMO_RULES, evaluateRules } from '../../../core/labels';
import { createRandom } from '../../../core/random';
import { generateDemo } from '../../../core/synthetic';
import type { DatasetInfo } from '../../protocol/dataMessages';
import { openRunStorage } from '../../storage/runStorage';
import { makeRecord } from '../../../test/runStorageFixtures';
import { createWorkerState } from '../state';
import { compareHandlers } from './compare';
import type { HandlerContext } from './types';

const world = generateDemo({ users: 400, seed: 11 });
const ruleLabels = evaluateRules(world.store, DEMO_RULES).labels;
const random = createRandom(5);
/** scores that lean towards the truth, so the metrics move with the threshold */
const truthOf = new Map(world.truth.userIds.map((id, row) => [id, world.truth.labels[row]]));
const scores = Float32Array.from(world.store.userIds, (id) => 0.6 * random() + 0.4 * (truthOf.get(id) ?? 0));
const validation = {
  users: new Int32Array([0, 1]),
  labels: new Float32Array([1, 0]),
  scores: new Float32Array([0.8, 0.2]),
};

/** Runs saved in IndexedDB, then a fresh worker state (a reload) with the demo dataset and its truth loaded. */
async function reloadedWithRuns() {
  const storage = openRunStorage(new IDBFactory());
  const sameData = fingerprintData(world.store);
  const allUsers = { scores, ruleLabels };
  await storage.saveRun(makeRecord('kept', { dataFingerprint: sameData }), {
    validation: { ...validation, allUsers },
  });
  await storage.saveRun(makeRecord('other', { dataFingerprint: 'another dataset' }), {
    validation: { ...validation, allUsers },
  });
  await storage.saveRun(makeRecord('none', { dataFingerprint: sameData }), { validation });
  const state = createWorkerState({ runStorage: storage });
  state.dataset = { store: world.store, truth: world.truth, info: {} as DatasetInfo };
  const ctx: HandlerContext = { signal: new AbortController().signal, emit: () => {}, transfer: [], state };
  await compareHandlers['compare/restore']({}, ctx);
  return ctx;
}

describe('truth metrics at a threshold', () => {
  it('are evaluateAgainstTruth on the kept all-user scores, read back from IndexedDB after a reload', async () => {
    const ctx = await reloadedWithRuns();
    const [low] = await compareHandlers['compare/truth']({ runIds: ['kept'], threshold: 0.3 }, ctx);
    const [high] = await compareHandlers['compare/truth']({ runIds: ['kept'], threshold: 0.8 }, ctx);
    const expected = (threshold: number) =>
      evaluateAgainstTruth({
        userIds: world.store.userIds,
        scores,
        truth: world.truth,
        ruleLabels,
        threshold,
      });
    expect(low.unavailable).toBeNull();
    expect(low.truth).toEqual(expected(0.3));
    expect(high.truth).toEqual(expected(0.8));
    expect(low.truth!.threshold).toBe(0.3);
    expect(low.truth!.metrics.recall).toBeGreaterThan(high.truth!.metrics.recall);
    expect(low.truth!.ruleAgreement.rate).not.toBe(high.truth!.ruleAgreement.rate);
    expect(low.truth!.metrics.rocAuc).toBe(high.truth!.metrics.rocAuc);
    // the example users are those of the same scores at the same threshold
    const input = { userIds: world.store.userIds, scores, truth: world.truth, ruleLabels, threshold: 0.8 };
    expect(high.examples).toEqual(pickTruthExamples(input));
    expect(high.examples!.foundOutsideRules.length).toBeGreaterThan(0);
    expect(high.examples!.missedOutsideRules.length).toBeGreaterThan(0);
    for (const e of high.examples!.foundOutsideRules) expect(e.score).toBeGreaterThanOrEqual(0.8);
    for (const e of high.examples!.missedOutsideRules) expect(e.score).toBeLessThan(0.8);
    // with 95% intervals at the same threshold, around the same values
    expect(high.intervals!.metrics.threshold).toBe(0.8);
    expect(high.intervals!.metrics.metrics.recall.value).toBeCloseTo(high.truth!.metrics.recall, 12);
    const [lo, hi] = high.intervals!.metrics.metrics.recall.ci95;
    expect(lo).toBeLessThan(high.truth!.metrics.recall);
    expect(hi).toBeGreaterThan(high.truth!.metrics.recall);
  });

  it('are not recomputed for a run of another dataset, nor for a run that kept no all-user scores', async () => {
    const ctx = await reloadedWithRuns();
    const [other, none] = await compareHandlers['compare/truth'](
      { runIds: ['other', 'none'], threshold: 0.4 },
      ctx,
    );
    expect(other.truth).toBeNull();
    expect(other.intervals).toBeNull();
    expect(other.examples).toBeNull();
    expect(other.unavailable).toBe('the loaded dataset is not the one this run was trained on');
    expect(none.truth).toBeNull();
    expect(none.unavailable).toBe('this run kept no score for every user');
    ctx.state.dataset = { ...ctx.state.dataset!, truth: null };
    const [kept] = await compareHandlers['compare/truth']({ runIds: ['kept'], threshold: 0.4 }, ctx);
    expect(kept.unavailable).toBe('no truth file is loaded');
    await expect(compareHandlers['compare/truth']({ runIds: ['kept'], threshold: -1 }, ctx)).rejects.toThrow(
      'between 0 and 1',
    );
  });
});
