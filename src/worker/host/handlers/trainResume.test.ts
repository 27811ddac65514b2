// idb's wrapper looks up the IDB classes globally, even for the factory the test passes
import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { IDBFactory } from 'fake-indexeddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RULES } from '../../../core/labels';
import { DEFAULT_HYPERPARAMETERS } from '../../../core/models';
import { DEFAULT_FEATURE_OPTIONS, DEFAULT_SAMPLING } from '../../../core/runs';
import { generateDemo } from '../../../core/synthetic';
import type { DatasetInfo } from '../../protocol/dataMessages';
import type { ParamsOf, RequestKind, ResultOf } from '../../protocol';
import type { TrainRunRequest } from '../../protocol/trainMessages';
import { openRunStorage, type RunStorage } from '../../storage/runStorage';
import { createWorkerState, type WorkerState } from '../state';
import { handlers } from '.';
import type { HandlerContext } from './types';

const world = generateDemo({ users: 900, seed: 4 });

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function stateOver(storage: RunStorage, store = world.store): WorkerState {
  const state = createWorkerState({ runStorage: storage });
  state.dataset = { store, truth: null, info: {} as DatasetInfo };
  return state;
}

function call<K extends RequestKind>(
  state: WorkerState,
  kind: K,
  params: ParamsOf<K>,
  signal = new AbortController().signal,
): Promise<ResultOf<K>> {
  const ctx: HandlerContext = { signal, emit: () => {}, transfer: [], state };
  return handlers[kind](params, ctx);
}

const request = (runId: string): TrainRunRequest => ({
  runId,
  name: runId,
  kind: 'shallow',
  hyperparameters: {
    ...DEFAULT_HYPERPARAMETERS.shallow,
    hidden: 8,
    epochs: 4,
    batchSize: 32,
    dropout: 0.3,
    patience: 0,
  },
  backend: 'cpu',
  setup: {
    rules: DEMO_RULES,
    sampling: DEFAULT_SAMPLING,
    features: { ...DEFAULT_FEATURE_OPTIONS, months: 6, days: 10 },
  },
});

/** Storage that stops taking writes once the run's second epoch is saved, as a worker killed then would. */
function dyingAfterEpoch2(real: RunStorage, abort: AbortController): RunStorage {
  let dead = false;
  const unlessDead =
    <A extends unknown[]>(write: (...args: A) => Promise<void>) =>
    async (...args: A) => {
      if (!dead) await write(...args);
    };
  return {
    ...real,
    saveRun: async (record, parts) => {
      if (dead) return;
      await real.saveRun(record, parts);
      if (record.status === 'running' && record.epochs.length === 2) {
        dead = true;
        abort.abort();
      }
    },
    saveCheckpoint: unlessDead(real.saveCheckpoint),
    deleteCheckpoint: unlessDead(real.deleteCheckpoint),
    deleteParts: unlessDead(real.deleteParts),
  };
}

const weightsOf = (state: WorkerState, runId: string) =>
  state.runs
    .get(runId)!
    .model.getWeights()
    .map((w) => Array.from(w.dataSync()));

describe('resuming an interrupted run in the worker', () => {
  it('comes back interrupted at epoch 2 and Resume reaches the uninterrupted run’s weights and curves', async () => {
    const whole = stateOver(openRunStorage(new IDBFactory()));
    const uninterrupted = await call(whole, 'train/run', request('whole'));
    expect(uninterrupted.status).toBe('done');

    const storage = openRunStorage(new IDBFactory());
    const abort = new AbortController();
    const dying = stateOver(dyingAfterEpoch2(storage, abort));
    await call(dying, 'train/run', request('cut'), abort.signal);

    const reloaded = stateOver(storage);
    const restored = await call(reloaded, 'compare/restore', {});
    const cut = restored.runs.find((r) => r.id === 'cut')!;
    expect(cut.status).toBe('interrupted');
    expect(cut.epochs).toHaveLength(2);
    expect(cut.message).toMatch(/^Interrupted at epoch 2: .*Resume continues it/);
    expect(restored.resumable).toEqual(['cut']);

    const resumed = await call(reloaded, 'train/resume', { runId: 'cut' });
    expect(resumed.status).toBe('done');
    expect(resumed.startedAt).toBe(cut.startedAt);
    expect(resumed.epochs.map((e) => e.loss)).toEqual(uninterrupted.epochs.map((e) => e.loss));
    expect(resumed.validation?.rocAuc).toBe(uninterrupted.validation?.rocAuc);
    const a = weightsOf(reloaded, 'cut').flat();
    const b = weightsOf(whole, 'whole').flat();
    expect(Math.max(...a.map((v, i) => Math.abs(v - b[i])))).toBeLessThan(1e-6);
    // the finished run keeps no checkpoint, and comes back done after another reload
    expect(await storage.checkpointIds()).toEqual([]);
    const again = await call(stateOver(storage), 'compare/restore', {});
    expect(again.runs.find((r) => r.id === 'cut')?.status).toBe('done');
    expect(again.resumable).toEqual([]);
  });

  it('refuses to resume on another dataset, or a run with no checkpoint, saying what to do', async () => {
    const storage = openRunStorage(new IDBFactory());
    const abort = new AbortController();
    await call(stateOver(dyingAfterEpoch2(storage, abort)), 'train/run', request('cut'), abort.signal);
    const other = stateOver(storage, generateDemo({ users: 300, seed: 9 }).store);
    await call(other, 'compare/restore', {});
    await expect(call(other, 'train/resume', { runId: 'cut' })).rejects.toThrow(
      /not the one "cut" trained on: load that dataset again/,
    );
    await expect(call(other, 'train/resume', { runId: 'nothing' })).rejects.toThrow(
      /no saved checkpoint to resume from/,
    );
  });
});
