import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel, DEFAULT_HYPERPARAMETERS, type ModelKind } from '../../../core/models';
import { makeRecord } from '../../../test/runStorageFixtures';
import { createWorkerState, type WorkerState } from '../state';
import type { HandlerContext } from './types';
import { labelWeight, weightsHandlers } from './weights';

const DIMS = { width: 12, months: 3, days: 4 };
const validation = { users: new Int32Array(0), labels: new Float32Array(0), scores: new Float32Array(0) };

function contextFor(state: WorkerState): HandlerContext {
  return { signal: new AbortController().signal, emit: () => {}, transfer: [], state };
}

function registerRun(state: WorkerState, id: string, kind: ModelKind, hidden: number): void {
  const hp = { ...DEFAULT_HYPERPARAMETERS[kind], hidden, projection: 6 };
  state.runs.set({
    record: makeRecord(id, { kind }),
    model: buildModel(kind, hp, DIMS),
    validation,
  });
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('train/weights', () => {
  it('summarises the four weight tensors of a shallow model and transfers their samples', async () => {
    const state = createWorkerState();
    registerRun(state, 's', 'shallow', 5);
    const ctx = contextFor(state);
    const { runId, tensors } = await weightsHandlers['train/weights']({ runId: 's' }, ctx);
    expect(runId).toBe('s');
    expect(tensors.map((t) => `${t.layer} ${t.weight} [${t.shape.join(',')}]`)).toEqual([
      'hidden kernel [12,5]',
      'hidden bias [5]',
      'output kernel [5,1]',
      'output bias [1]',
    ]);
    const kernel = tensors[0];
    expect(kernel.count).toBe(60);
    expect(kernel.sample.length).toBe(60);
    // glorot-uniform limit for fan-in 12, fan-out 5
    const limit = Math.sqrt(6 / 17);
    expect(kernel.min).toBeGreaterThanOrEqual(-limit);
    expect(kernel.max).toBeLessThanOrEqual(limit);
    expect(kernel.std).toBeGreaterThan(0);
    expect(tensors[1]).toMatchObject({ mean: 0, std: 0, min: 0, max: 0 });
    expect(ctx.transfer).toHaveLength(4);
    state.runs.clear();
  });

  it('names the projection, LSTM kernel, recurrent kernel and bias of a single LSTM', async () => {
    const state = createWorkerState();
    registerRun(state, 'l', 'lstm', 4);
    const { tensors } = await weightsHandlers['train/weights']({ runId: 'l' }, contextFor(state));
    expect(tensors.map((t) => `${t.layer} ${t.weight}`)).toEqual([
      'monthly_projection kernel',
      'monthly_projection bias',
      'monthly_lstm kernel',
      'monthly_lstm recurrent kernel',
      'monthly_lstm bias',
      'output kernel',
      'output bias',
    ]);
    expect(tensors[3].shape).toEqual([4, 16]);
    state.runs.clear();
  });

  it('tells the user to train again when the run has no model', async () => {
    const state = createWorkerState();
    await expect(weightsHandlers['train/weights']({ runId: 'gone' }, contextFor(state))).rejects.toThrow(
      /Train it again/,
    );
  });
});

describe('labelWeight', () => {
  it('reads the weight kind from a variable name with a layer path and a numeric suffix', () => {
    expect(labelWeight('monthly_lstm/recurrent_kernel')).toBe('recurrent kernel');
    expect(labelWeight('hidden/kernel_3')).toBe('kernel');
    expect(labelWeight('bias')).toBe('bias');
    expect(labelWeight('x/moving_mean')).toBe('moving mean');
  });
});
