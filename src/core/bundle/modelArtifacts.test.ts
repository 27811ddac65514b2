import * as tf from '@tensorflow/tfjs';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportModelArtifacts, loadModelFromArtifacts } from './modelArtifacts';

const dir = mkdtempSync(join(tmpdir(), 'tag-lab-model-'));

/** The plain way anyone would read the two files with @tensorflow/tfjs in Node: an IOHandler over the disk. */
function diskHandler(folder: string): tf.io.IOHandler {
  return {
    load: async () => {
      const json = JSON.parse(readFileSync(join(folder, 'model.json'), 'utf8')) as tf.io.ModelJSON;
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const specs = manifest.flatMap((g) => g.weights);
        const shards = manifest.flatMap((g) => g.paths).map((p) => readFileSync(join(folder, p)));
        const bytes = Buffer.concat(shards);
        return [specs, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)];
      });
    },
  };
}

function buildLstmModel(): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.timeDistributed({
        layer: tf.layers.dense({ units: 4, activation: 'relu' }),
        inputShape: [6, 5],
      }),
      tf.layers.lstm({ units: 3, kernelRegularizer: tf.regularizers.l2({ l2: 0.01 }) }),
      tf.layers.dropout({ rate: 0.3 }),
      tf.layers.dense({ units: 1, activation: 'sigmoid' }),
    ],
  });
}

function buildDenseModel(): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.dense({ units: 4, activation: 'relu', inputShape: [5] }),
      tf.layers.dense({ units: 1, activation: 'sigmoid' }),
    ],
  });
}

function buildTwoInputModel(): tf.LayersModel {
  const monthly = tf.input({ shape: [4, 5], name: 'monthly' });
  const daily = tf.input({ shape: [7, 5], name: 'daily' });
  const a = tf.layers.lstm({ units: 3, name: 'monthly_lstm' }).apply(monthly) as tf.SymbolicTensor;
  const b = tf.layers.lstm({ units: 2, name: 'daily_lstm' }).apply(daily) as tf.SymbolicTensor;
  const joined = tf.layers.concatenate().apply([a, b]) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 1, activation: 'sigmoid' }).apply(joined) as tf.SymbolicTensor;
  return tf.model({ inputs: [monthly, daily], outputs: out });
}

async function predictValues(model: tf.LayersModel, inputs: tf.Tensor[]): Promise<Float32Array> {
  const y = model.predict(inputs.length === 1 ? inputs[0] : inputs) as tf.Tensor;
  const values = (await y.data()) as Float32Array;
  y.dispose();
  return values;
}

async function expectSameAfterDiskRoundTrip(model: tf.LayersModel, inputs: tf.Tensor[], name: string) {
  const before = await predictValues(model, inputs);
  const files = await exportModelArtifacts(model);
  const folder = join(dir, name);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder);
  writeFileSync(join(folder, 'model.json'), files.modelJson);
  writeFileSync(join(folder, 'weights.bin'), files.weights);
  const loaded = await tf.loadLayersModel(diskHandler(folder));
  const after = await predictValues(loaded, inputs);
  expect(after.length).toBe(before.length);
  before.forEach((v, i) => expect(Math.abs(after[i] - v)).toBeLessThan(1e-6));
  loaded.dispose();
  return { before, files };
}

describe('exportModelArtifacts', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes model.json with one weights.bin shard whose size matches the manifest', async () => {
    const model = buildDenseModel();
    const { modelJson, weights } = await exportModelArtifacts(model);
    const json = JSON.parse(modelJson);
    expect(json.format).toBe('layers-model');
    expect(json.weightsManifest).toHaveLength(1);
    expect(json.weightsManifest[0].paths).toEqual(['weights.bin']);
    expect(weights.byteLength).toBe((5 * 4 + 4 + 4 * 1 + 1) * 4);
    model.dispose();
  });

  it('reloads an LSTM with a TimeDistributed Dense from disk with plain tf.loadLayersModel, same predictions', async () => {
    const model = buildLstmModel();
    const x = tf.randomUniform([3, 6, 5], 0, 2, 'float32', 1);
    await expectSameAfterDiskRoundTrip(model, [x], 'lstm');
    model.dispose();
    x.dispose();
  });

  it('reloads a Dense model from disk with plain tf.loadLayersModel, same predictions', async () => {
    const model = buildDenseModel();
    const x = tf.randomUniform([4, 5], 0, 3, 'float32', 2);
    await expectSameAfterDiskRoundTrip(model, [x], 'dense');
    model.dispose();
    x.dispose();
  });

  it('reloads a two-input LSTM model from disk and from memory, same predictions', async () => {
    const model = buildTwoInputModel();
    const inputs = [
      tf.randomUniform([2, 4, 5], 0, 1, 'float32', 3),
      tf.randomUniform([2, 7, 5], 0, 1, 'float32', 4),
    ];
    const { before, files } = await expectSameAfterDiskRoundTrip(model, inputs, 'dual');
    const fromMemory = await loadModelFromArtifacts(files.modelJson, files.weights);
    expect(fromMemory.inputNames).toEqual(['monthly', 'daily']);
    const after = await predictValues(fromMemory, inputs);
    before.forEach((v, i) => expect(Math.abs(after[i] - v)).toBeLessThan(1e-6));
    tf.dispose([...inputs]);
    model.dispose();
    fromMemory.dispose();
  });

  it('loads weights that sit inside a larger buffer (as they do inside an unzipped bundle)', async () => {
    const model = buildDenseModel();
    const files = await exportModelArtifacts(model);
    const padded = new Uint8Array(files.weights.byteLength + 16);
    padded.set(files.weights, 8);
    const loaded = await loadModelFromArtifacts(
      files.modelJson,
      padded.subarray(8, 8 + files.weights.byteLength),
    );
    const x = tf.ones([1, 5]);
    expect(
      Math.abs((await predictValues(loaded, [x]))[0] - (await predictValues(model, [x]))[0]),
    ).toBeLessThan(1e-6);
    tf.dispose([x]);
    model.dispose();
    loaded.dispose();
  });

  it('refuses weights whose size does not match model.json, and text that is not a model', async () => {
    const model = buildDenseModel();
    const files = await exportModelArtifacts(model);
    await expect(loadModelFromArtifacts(files.modelJson, files.weights.subarray(4))).rejects.toThrow(
      /weights.bin holds 112 bytes but model.json describes 116/,
    );
    await expect(loadModelFromArtifacts('{"hello": 1}', files.weights)).rejects.toThrow(
      /not a TF.js layers model/,
    );
    await expect(loadModelFromArtifacts('{oops', files.weights)).rejects.toThrow(/not valid JSON/);
    model.dispose();
  });
});
