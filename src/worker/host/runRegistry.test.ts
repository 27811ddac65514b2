import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../core/runs';
import { createRunRegistry } from './runRegistry';
import { createWorkerState } from './state';

function tinyModel(): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 2, inputShape: [3] }));
  return model;
}

function record(id: string): RunRecord {
  return { id, name: id, status: 'done', epochs: [] } as unknown as RunRecord;
}

const validation = {
  users: new Int32Array([0]),
  labels: new Float32Array([1]),
  scores: new Float32Array([0.9]),
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('run registry', () => {
  it('keeps runs in the order they were added and deleting one frees its model tensors', () => {
    const registry = createRunRegistry();
    const before = tf.memory().numTensors;
    registry.set({ record: record('a'), model: tinyModel(), validation });
    registry.set({ record: record('b'), model: tinyModel(), validation });
    expect(registry.list().map((r) => r.record.id)).toEqual(['a', 'b']);
    expect(tf.memory().numTensors).toBe(before + 4);
    expect(registry.delete('a')).toBe(true);
    expect(registry.delete('a')).toBe(false);
    expect(registry.has('a')).toBe(false);
    expect(tf.memory().numTensors).toBe(before + 2);
    registry.clear();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('replacing a run disposes the old model and updateRecord keeps the id', () => {
    const registry = createRunRegistry();
    const before = tf.memory().numTensors;
    registry.set({ record: record('a'), model: tinyModel(), validation });
    registry.set({ record: record('a'), model: tinyModel(), validation });
    expect(tf.memory().numTensors).toBe(before + 2);
    expect(registry.updateRecord('a', { name: 'renamed', id: 'other' })).toBe(true);
    expect(registry.get('a')?.record.name).toBe('renamed');
    expect(registry.get('a')?.record.id).toBe('a');
    expect(registry.updateRecord('missing', { name: 'x' })).toBe(false);
    registry.clear();
  });

  it('gives each worker state its own registry', () => {
    const one = createWorkerState();
    expect(one.runs).toBe(one.runs);
    expect(createWorkerState().runs).not.toBe(one.runs);
  });
});
