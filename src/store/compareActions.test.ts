import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInProcessLab, type InProcessLab } from '../worker/inProcessClient';
import { openRunStorage } from '../worker/storage/runStorage';
import { makeEpochLog, makeRecord } from '../test/runStorageFixtures';
import {
  deleteRun,
  loadThresholdMetrics,
  loadVerdicts,
  renameRun,
  restoreRuns,
  selectComparedRuns,
  setCompared,
} from './compareActions';
import { resetLabStore, useLab } from './index';

let lab: InProcessLab;

beforeEach(async () => {
  resetLabStore();
  const storage = openRunStorage();
  for (const { id } of await storage.loadRecords()) await storage.deleteRun(id);
  const validation = {
    users: new Int32Array([0, 1, 2, 3]),
    labels: new Float32Array([1, 1, 0, 0]),
    scores: new Float32Array([0.9, 0.4, 0.3, 0.1]),
  };
  await storage.saveRun(makeRecord('a', { epochs: [makeEpochLog(0)] }), { validation });
  await storage.saveRun(
    makeRecord('b', { status: 'running', startedAt: '2026-01-03T00:00:00.000Z', epochs: [makeEpochLog(0)] }),
    { validation },
  );
  await storage.saveRun(makeRecord('c', { status: 'failed', startedAt: '2026-01-04T00:00:00.000Z' }));
  lab = createInProcessLab();
});

afterEach(() => lab.close());

describe('compare actions over the in-process worker and IndexedDB', () => {
  it('restores saved runs in order, the cut-off one interrupted, and compares every comparable run by default', async () => {
    await restoreRuns(lab.client);
    const state = useLab.getState();
    expect(state.runs.map((r) => [r.id, r.status])).toEqual([
      ['a', 'done'],
      ['b', 'interrupted'],
      ['c', 'failed'],
    ]);
    expect(selectComparedRuns(state).map((r) => r.id)).toEqual(['a', 'b']);
    setCompared('a', false);
    expect(selectComparedRuns(useLab.getState()).map((r) => r.id)).toEqual(['b']);
    setCompared('a', true);
    expect(useLab.getState().compareSelection).toEqual(['b', 'a']);
  });

  it('metrics follow the threshold; rename and delete reach storage', async () => {
    await restoreRuns(lab.client);
    await loadThresholdMetrics(['a'], 0.35, lab.client);
    expect(useLab.getState().thresholdMetrics.a!.recall).toBe(1);
    await loadThresholdMetrics(['a'], 0.5, lab.client);
    expect(useLab.getState().thresholdMetrics.a!.recall).toBe(0.5);
    expect(useLab.getState().metricsThreshold).toBe(0.5);

    await loadVerdicts(['a', 'b'], 0.35, lab.client);
    const state = useLab.getState();
    expect(state.verdictsThreshold).toBe(0.35);
    expect(state.intervalsAt.a!.metrics.recall.value).toBe(1);
    expect(state.intervalsAt.a!.threshold).toBe(0.35);
    expect(state.verdicts).toHaveLength(1);
    expect(state.verdicts[0]).toMatchObject({ a: 'a', b: 'b', sameUsers: true, sharedUsers: 4 });
    // the same scores on both sides: no winner
    expect(state.verdicts[0].comparison!.verdict.winner).toBeNull();

    await renameRun('a', 'shallow, no guard', lab.client);
    await deleteRun('b', lab.client);
    expect(useLab.getState().runs.map((r) => r.name)).toEqual(['shallow, no guard', 'run c']);
    const saved = await openRunStorage().loadRecords();
    expect(saved.map((r) => [r.id, r.name])).toEqual([
      ['a', 'shallow, no guard'],
      ['c', 'run c'],
    ]);
  });
});
