import * as tf from '@tensorflow/tfjs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeBundleRun as makeRun } from '../../test/bundleFixtures';
import {
  buildBundleFiles,
  buildBundleZip,
  buildModelFilesZip,
  readBundleFiles,
  readBundleZip,
} from './bundleFiles';
import { BundleError } from './errors';
import { exportModelArtifacts, loadModelFromArtifacts } from './modelArtifacts';

/** The kind of model the lab trains: [months, width] input through an LSTM to a sigmoid. */
function buildModel(): tf.LayersModel {
  const input = tf.input({ shape: [3, 5], name: 'monthly' });
  const state = tf.layers.lstm({ units: 4, name: 'monthly_lstm' }).apply(input) as tf.SymbolicTensor;
  const out = tf.layers
    .dense({ units: 1, activation: 'sigmoid', name: 'output' })
    .apply(state) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

function zipOf(files: Record<string, Uint8Array>): Uint8Array {
  return zipSync(files);
}

describe('bundle zip', () => {
  let artifacts: { modelJson: string; weights: Uint8Array };
  let model: tf.LayersModel;
  let files: Record<string, Uint8Array>;

  beforeAll(async () => {
    await tf.setBackend('cpu');
    model = buildModel();
    artifacts = await exportModelArtifacts(model);
    files = unzipSync(
      buildBundleZip({ run: makeRun(), ...artifacts, createdAt: '2024-05-02T00:00:00.000Z' }),
    );
  });

  it('round-trips the run, the model files and the predictions', async () => {
    const zip = buildBundleZip({ run: makeRun(), ...artifacts });
    const bundle = readBundleZip(zip);
    expect(bundle.modelJson).toBe(artifacts.modelJson);
    expect(Array.from(bundle.weights)).toEqual(Array.from(artifacts.weights));
    const run = makeRun();
    expect(bundle.manifest).toMatchObject({
      format: 'tag-lab-bundle',
      version: 1,
      modelKind: 'lstm',
      featureSpec: run.featureSpec,
      rules: run.rules,
      hyperparameters: run.hyperparameters,
      backend: 'cpu',
      seed: 42,
      dataFingerprint: run.dataFingerprint,
      tfjsVersion: tf.version_core,
    });
    expect(bundle.manifest.metrics?.rocAuc).toBeNaN();
    expect(bundle.manifest.metrics?.prAuc).toBe(0.9);
    expect(bundle.manifest.run.validation?.rocAuc).toBeNaN();
    expect(bundle.manifest.run.epochs).toEqual(run.epochs);

    const loaded = await loadModelFromArtifacts(bundle.modelJson, bundle.weights);
    const x = tf.randomUniform([3, 3, 5], 0, 2, 'float32', 7);
    const before = (await (model.predict(x) as tf.Tensor).data()) as Float32Array;
    const after = (await (loaded.predict(x) as tf.Tensor).data()) as Float32Array;
    before.forEach((v, i) => expect(Math.abs(after[i] - v)).toBeLessThan(1e-6));
    loaded.dispose();
  });

  it('holds model.json, weights.bin, tag-lab.json and a README on loading and converting', () => {
    expect(Object.keys(files).sort()).toEqual(['README.md', 'model.json', 'tag-lab.json', 'weights.bin']);
    const readme = strFromU8(files['README.md']);
    expect(readme).toContain('tf.loadLayersModel');
    expect(readme).toContain(
      'tensorflowjs_converter --input_format=tfjs_layers_model --output_format=keras model.json model.h5',
    );
    expect(readme).toContain(
      '1. `monthly` of shape [batch, 3, 5]: purchase counts per category and calendar month',
    );
    expect(readme).toContain('step t = 0 is the OLDEST bucket');
    expect(readme).toContain('log(1 + x)');
  });

  it('thins a long batch trace to 1000 entries in tag-lab.json', () => {
    const manifest = JSON.parse(strFromU8(files['tag-lab.json']));
    expect(manifest.run.batches).toHaveLength(1000);
    expect(manifest.run.batches[999].batch).toBe(4995);
    expect(manifest.createdAt).toBe('2024-05-02T00:00:00.000Z');
  });

  it('makes the same bytes for the same run and time', () => {
    const a = buildBundleZip({ run: makeRun(), ...artifacts, createdAt: '2024-05-02T00:00:00.000Z' });
    const b = buildBundleZip({ run: makeRun(), ...artifacts, createdAt: '2024-05-02T00:00:00.000Z' });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('exports the model files alone as a zip of model.json and weights.bin', () => {
    const only = unzipSync(buildModelFilesZip(artifacts.modelJson, artifacts.weights));
    expect(Object.keys(only).sort()).toEqual(['model.json', 'weights.bin']);
    expect(strFromU8(only['model.json'])).toBe(artifacts.modelJson);
  });

  it('reads a zipped bundle folder and a train --out folder holding run.json instead of tag-lab.json', () => {
    const nested = zipOf(Object.fromEntries(Object.entries(files).map(([n, d]) => [`my-bundle/${n}`, d])));
    expect(readBundleZip(nested).manifest.run.id).toBe('run-1');
    const folder = new Map(buildBundleFiles({ run: makeRun(), ...artifacts }));
    folder.delete('tag-lab.json');
    folder.set('run.json', strToU8(JSON.stringify(makeRun())));
    expect(readBundleFiles(folder).manifest.featureSpec.months).toBe(3);
  });

  it('explains what is wrong with a file that is not a usable bundle', () => {
    const without = (name: string) =>
      zipOf(Object.fromEntries(Object.entries(files).filter(([n]) => n !== name)));
    const withManifest = (patch: object) => {
      const manifest = { ...JSON.parse(strFromU8(files['tag-lab.json'])), ...patch };
      return zipOf({ ...files, 'tag-lab.json': strToU8(JSON.stringify(manifest)) });
    };
    const cases: [Uint8Array, RegExp][] = [
      [strToU8('user_id,score\n1,0.5\n'), /not a zip archive/],
      [Uint8Array.from([0x50, 0x4b, 3, 4, 9, 9, 9, 9, 9, 9]), /damaged or incomplete/],
      [without('model.json'), /no model.json \(the model topology\)/],
      [without('weights.bin'), /no weights.bin/],
      [without('tag-lab.json'), /no tag-lab.json/],
      [withManifest({ format: 'keras' }), /not a Tag Lab bundle manifest \(format is "keras"/],
      [withManifest({ version: 2 }), /newer Tag Lab \(bundle version 2\)/],
      [withManifest({ featureSpec: { vocabulary: 'x' } }), /no usable featureSpec/],
      [
        zipOf({ ...files, 'weights.bin': files['weights.bin'].subarray(8) }),
        /weights.bin holds \d+ bytes but model.json describes \d+/,
      ],
      [zipOf({ ...files, 'model.json': strToU8('{"weightsManifest": []}') }), /not a TF.js layers model/],
    ];
    for (const [bytes, message] of cases) {
      expect(() => readBundleZip(bytes)).toThrow(BundleError);
      expect(() => readBundleZip(bytes)).toThrow(message);
    }
  });
});
