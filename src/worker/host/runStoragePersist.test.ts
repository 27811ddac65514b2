import * as tf from '@tensorflow/tfjs';
// the globals idb checks requests against (IDBRequest…); each test still opens its own factory
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { handlers } from './handlers';
import type { HandlerContext } from './handlers/types';
import type { ParamsOf, RequestKind, ResultOf } from '../protocol';
import { openRunStorage, type RunStorage } from '../storage/runStorage';
import { makeEpochLog, makeRecord } from '../../test/runStorageFixtures';
import {
  createRunPersister,
  deleteSavedRun,
  ensureRegisteredRun,
  loadRunCheckpoint,
  loadRunValidation,
  restoreSavedRuns,
} from './runStoragePersist';
import { createWorkerState, type WorkerState } from './state';

function tinyModel(seed: number): tf.LayersModel {
  const model = tf.sequential();
  model.add(
    tf.layers.dense({
      units: 1,
      inputShape: [3],
      activation: 'sigmoid',
      kernelInitializer: tf.initializers.randomNormal({ seed }),
    }),
  );
  return model;
}

const validation = { users: new Int32Array([3, 5, 8]), labels: new Float32Array([1, 0, 1]) };
const input = () => tf.tensor2d([[1, 2, 3]]);

function predictOne(model: tf.LayersModel): number {
  return tf.tidy(() => (model.predict(input()) as tf.Tensor).dataSync()[0]);
}

/** A fresh worker state over the same storage: what the worker sees after a page reload. */
function reloadedState(storage: RunStorage): WorkerState {
  return createWorkerState({ runStorage: storage });
}

function call<K extends RequestKind>(state: WorkerState, kind: K, params: ParamsOf<K>): Promise<ResultOf<K>> {
  const ctx: HandlerContext = { signal: new AbortController().signal, emit: () => {}, transfer: [], state };
  return handlers[kind](params, ctx);
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('saving runs while they train', () => {
  it('a run cut off after its second epoch comes back interrupted, with both epochs and that epoch’s weights', async () => {
    const storage = openRunStorage(new IDBFactory());
    const state = reloadedState(storage);
    const model = tinyModel(1);
    const persist = createRunPersister(state, makeRecord('r1', { status: 'running' }), validation);
    persist.saveEpoch(makeEpochLog(0), { model, validationScores: new Float32Array([0.9, 0.2, 0.4]) });
    persist.saveEpoch(makeEpochLog(1), { model, validationScores: new Float32Array([0.8, 0.3, 0.7]) });
    const expected = predictOne(model);
    // training goes on after the snapshot: the saved weights must be those of epoch 2
    model.setWeights(model.getWeights().map((w) => tf.zerosLike(w)));
    await persist.settled();

    const after = reloadedState(storage);
    const [run] = await restoreSavedRuns(after);
    expect(run.status).toBe('interrupted');
    expect(run.epochs.map((e) => e.epoch)).toEqual([0, 1]);
    expect(run.durationMs).toBe(2000);
    expect(run.validation!.accuracy).toBeCloseTo(1, 6);
    expect((await storage.loadRecords())[0].status).toBe('interrupted');

    const restored = await ensureRegisteredRun(after, 'r1');
    expect(predictOne(restored!.model)).toBeCloseTo(expected, 5);
    expect(restored!.validation.scores).toEqual(new Float32Array([0.8, 0.3, 0.7]));
    after.runs.clear();
    model.dispose();
  });

  it('a finished run keeps its final record; deleting it frees its tensors and its storage', async () => {
    const storage = openRunStorage(new IDBFactory());
    const state = reloadedState(storage);
    const model = tinyModel(2);
    const persist = createRunPersister(state, makeRecord('r2', { status: 'running' }), validation);
    persist.saveEpoch(makeEpochLog(0), { model, validationScores: new Float32Array([0.6, 0.5, 0.4]) });
    await expect(deleteSavedRun(state, 'r2')).rejects.toThrow('still training');
    const scores = new Float32Array([0.9, 0.1, 0.6]);
    await persist.saveFinished(makeRecord('r2', { status: 'done', name: 'final' }), model, scores);
    model.dispose();

    const after = reloadedState(storage);
    const runs = await restoreSavedRuns(after);
    expect(runs.map((r) => [r.name, r.status])).toEqual([['final', 'done']]);
    const before = tf.memory().numTensors;
    await ensureRegisteredRun(after, 'r2');
    expect(tf.memory().numTensors).toBe(before + 2);
    expect(await deleteSavedRun(after, 'r2')).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    expect(await storage.loadRecords()).toEqual([]);
    expect(await storage.loadModel('r2')).toBeUndefined();
  });
});

describe('all-user scores', () => {
  it('a finished run keeps every user’s score and rule label through IndexedDB, typed arrays intact', async () => {
    const storage = openRunStorage(new IDBFactory());
    const state = reloadedState(storage);
    const model = tinyModel(4);
    const persist = createRunPersister(state, makeRecord('r6', { status: 'running' }), validation);
    const allUsers = {
      scores: new Float32Array([0.125, 0.5, 0.875, 0.25]),
      ruleLabels: new Uint8Array([1, 0, 2, 3]),
    };
    await persist.saveFinished(makeRecord('r6'), model, new Float32Array([0.9, 0.1, 0.6]), allUsers);
    model.dispose();

    const after = reloadedState(storage);
    await restoreSavedRuns(after);
    const kept = (await loadRunValidation(after, 'r6'))!.allUsers!;
    expect(kept.scores).toEqual(allUsers.scores);
    expect(kept.ruleLabels).toEqual(allUsers.ruleLabels);
    expect(kept.ruleLabels).toBeInstanceOf(Uint8Array);
    const registered = await ensureRegisteredRun(after, 'r6');
    expect(registered!.validation.allUsers!.scores).toEqual(allUsers.scores);
    after.runs.clear();
  });
});

describe('compare requests', () => {
  it('metrics at a threshold change with the threshold, from the kept validation scores of a restored run', async () => {
    const storage = openRunStorage(new IDBFactory());
    await storage.saveRun(makeRecord('r3'), {
      validation: {
        users: new Int32Array([0, 1, 2, 3]),
        labels: new Float32Array([1, 1, 0, 0]),
        scores: new Float32Array([0.9, 0.4, 0.3, 0.1]),
      },
    });
    const state = reloadedState(storage);
    await call(state, 'compare/restore', {});
    const [half] = await call(state, 'compare/metrics', { runIds: ['r3'], threshold: 0.5 });
    const [low] = await call(state, 'compare/metrics', { runIds: ['r3'], threshold: 0.35 });
    expect([half.metrics!.tp, half.metrics!.fn, half.metrics!.recall]).toEqual([1, 1, 0.5]);
    expect([low.metrics!.tp, low.metrics!.fp, low.metrics!.accuracy]).toEqual([2, 0, 1]);
    const [unknown] = await call(state, 'compare/metrics', { runIds: ['nope'], threshold: 0.5 });
    expect(unknown.metrics).toBeNull();
    const [curves] = await call(state, 'compare/curves', { runIds: ['r3'] });
    expect(curves.roc!.tpr.at(-1)).toBe(1);
    expect(curves.histogram!.reduce((n, b) => n + b.positives + b.negatives, 0)).toBe(4);
    await expect(call(state, 'compare/metrics', { runIds: ['r3'], threshold: 2 })).rejects.toThrow(
      'between 0 and 1',
    );
  });

  it('a rename survives a reload', async () => {
    const storage = openRunStorage(new IDBFactory());
    await storage.saveRun(makeRecord('r4'));
    const state = reloadedState(storage);
    await call(state, 'compare/restore', {});
    expect(await call(state, 'compare/rename', { runId: 'r4', name: '  lstm, no rules  ' })).toBe(true);
    const { runs } = await call(reloadedState(storage), 'compare/restore', {});
    expect(runs[0].name).toBe('lstm, no rules');
  });
});

describe('storage failures', () => {
  it('a full disk is reported once per run, in words, and the run itself is unaffected', async () => {
    const real = openRunStorage(new IDBFactory());
    const full: RunStorage = {
      ...real,
      saveRun: async () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
    };
    const state = reloadedState(full);
    const messages: unknown[] = [];
    state.broadcast = (kind, payload) => messages.push([kind, payload]);
    const model = tinyModel(3);
    const persist = createRunPersister(
      state,
      makeRecord('r5', { status: 'running', name: 'lstm #5' }),
      validation,
    );
    persist.saveEpoch(makeEpochLog(0), { model, validationScores: new Float32Array([0.6, 0.5, 0.4]) });
    await persist.saveFinished(
      makeRecord('r5', { name: 'lstm #5' }),
      model,
      new Float32Array([0.9, 0.1, 0.6]),
    );
    expect(messages).toHaveLength(1);
    const [kind, payload] = messages[0] as [string, { runId: string; message: string }];
    expect(kind).toBe('compare/storage');
    expect(payload.runId).toBe('r5');
    expect(payload.message).toContain('no room left to save run "lstm #5"');
    expect(model.countParams()).toBe(4);
    model.dispose();
  });
});

describe('a run whose replica sub-worker died', () => {
  it('is saved interrupted with its checkpoint kept, and stays resumable after later reloads', async () => {
    const storage = openRunStorage(new IDBFactory());
    const state = reloadedState(storage);
    const model = tinyModel(2);
    const persist = createRunPersister(state, makeRecord('r9', { status: 'running' }), validation);
    // the checkpoint's contents are the core's business; here only that it is kept matters
    const checkpoint = { request: { runId: 'r9' }, checkpoint: { epochsDone: 1 } } as unknown as Parameters<
      RunStorage['saveCheckpoint']
    >[1];
    persist.saveEpoch(
      makeEpochLog(0),
      { model, validationScores: new Float32Array([0.9, 0.2, 0.4]) },
      checkpoint,
    );
    const interrupted = makeRecord('r9', { status: 'interrupted', message: 'worker 2 of 2 failed' });
    expect(await persist.saveInterrupted(interrupted)).toBe(true);
    expect(state.saving.resumable.has('r9')).toBe(true);
    expect(state.saving.training.has('r9')).toBe(false);
    expect(await storage.checkpointIds()).toEqual(['r9']);

    for (let reload = 0; reload < 2; reload++) {
      const after = reloadedState(storage);
      const [run] = await restoreSavedRuns(after);
      expect(run.status).toBe('interrupted');
      expect(run.message).toBe('worker 2 of 2 failed');
      expect([...after.saving.resumable]).toEqual(['r9']);
      expect(await loadRunCheckpoint(after, 'r9')).toEqual(checkpoint);
    }
    model.dispose();
  });

  it('is not kept where runs are not saved (no storage): the run then ends failed', async () => {
    const state = createWorkerState({ runStorage: null });
    const persist = createRunPersister(state, makeRecord('r10', { status: 'running' }), validation);
    expect(await persist.saveInterrupted(makeRecord('r10', { status: 'interrupted' }))).toBe(false);
    expect(state.saving.resumable.size).toBe(0);
  });
});
