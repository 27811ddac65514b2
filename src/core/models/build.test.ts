import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from './build';
import { DEFAULT_HYPERPARAMETERS } from './hyperparameters';
import { summariseModel } from './summary';
import type { ModelKind } from './types';

const dims = { width: 11, months: 4, days: 6 };
const hp = (kind: ModelKind, projection = 5) => ({
  ...DEFAULT_HYPERPARAMETERS[kind],
  hidden: 3,
  fcUnits: 4,
  projection,
});

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('buildModel', () => {
  it('builds the shallow model with hand-counted parameters: 11·3+3 hidden, 3+1 output', () => {
    const model = buildModel('shallow', hp('shallow'), dims);
    expect(model.countParams()).toBe(36 + 4);
    expect(model.outputs[0].shape).toEqual([null, 1]);
    model.dispose();
  });

  it('builds the single LSTM with a projection: 11·5+5, 4·3·(5+3+1), 3+1', () => {
    const model = buildModel('lstm', hp('lstm'), dims);
    expect(model.countParams()).toBe(60 + 108 + 4);
    expect(model.inputs[0].shape).toEqual([null, 4, 11]);
    model.dispose();
  });

  it('builds the dual LSTM: two branches, fc 6·4+4, output 4+1', () => {
    const model = buildModel('dual', hp('dual'), dims);
    expect(model.countParams()).toBe(2 * (60 + 108) + 28 + 5);
    expect(model.inputs.map((i) => i.shape)).toEqual([
      [null, 4, 11],
      [null, 6, 11],
    ]);
    model.dispose();
  });

  it('builds the stock layout without projection: the LSTM reads the counts directly, 4·3·(11+3+1)', () => {
    const model = buildModel('lstm', hp('lstm', 0), dims);
    expect(model.countParams()).toBe(180 + 4);
    model.dispose();
  });

  it('initialises the same weights from the same seed and different ones from another seed', () => {
    const read = (seed: number) => {
      const model = buildModel('dual', { ...hp('dual'), seed }, dims);
      const values = model.getWeights().map((w) => Array.from(w.dataSync()));
      model.dispose();
      return values;
    };
    expect(read(3)).toEqual(read(3));
    expect(read(3)).not.toEqual(read(4));
  });

  it('rejects a dropout rate of one with a message naming the setting', () => {
    expect(() => buildModel('lstm', { ...hp('lstm'), dropout: 1 }, dims)).toThrow(/dropout/);
  });
});

describe('summariseModel', () => {
  it('lists every layer with its output shape and a total equal to countParams', () => {
    const model = buildModel('dual', hp('dual'), dims);
    const summary = summariseModel(model);
    expect(summary.totalParams).toBe(model.countParams());
    const lstm = summary.layers.find((l) => l.name === 'daily_lstm');
    expect(lstm).toEqual({ name: 'daily_lstm', className: 'LSTM', outputShape: '[batch, 3]', params: 108 });
    expect(summary.layers.find((l) => l.name === 'monthly_projection')?.outputShape).toBe('[batch, 4, 5]');
    model.dispose();
  });
});
