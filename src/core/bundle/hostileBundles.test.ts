import * as tf from '@tensorflow/tfjs';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeBundleRun } from '../../test/bundleFixtures';
import { buildModel, DEFAULT_HYPERPARAMETERS } from '../models';
import { buildBundleZip, readBundleZip } from './bundleFiles';
import { BundleError } from './errors';
import { exportModelArtifacts, loadModelFromArtifacts } from './modelArtifacts';
import { MAX_ENTRY_BYTES } from './safeUnzip';

// Every hostile archive here is made in the test from a real Tag Lab bundle (a dual LSTM, so the topology nests a
// TimeDistributed Dense), changed in one way; each must be refused with a BundleError naming what is wrong.

/** Central directory records of a zip, with the offsets of their size fields, for forging declared sizes. */
function centralRecords(zip: Uint8Array): { name: string; at: number }[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const out: { name: string; at: number }[] = [];
  for (let at = 0; at + 46 <= zip.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(at + 28, true);
    out.push({ name: strFromU8(zip.subarray(at + 46, at + 46 + nameLength)), at });
  }
  return out;
}

/** A copy of the zip whose central directory declares another unpacked size for one entry. */
function forgeDeclaredSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const copy = zip.slice();
  const record = centralRecords(copy).find((r) => r.name === name);
  if (!record) throw new Error(`no entry ${name}`);
  new DataView(copy.buffer).setUint32(record.at + 24, size, true);
  return copy;
}

function expectRefused(bytes: Uint8Array, message: RegExp): void {
  let thrown: unknown;
  try {
    readBundleZip(bytes);
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(BundleError);
  expect((thrown as Error).message).toMatch(message);
}

describe('hostile bundles', () => {
  let files: Record<string, Uint8Array>;
  let modelJson: Record<string, unknown>;

  const zipWith = (changes: Zippable, drop: string[] = []): Uint8Array => {
    const kept = Object.fromEntries(Object.entries(files).filter(([n]) => !drop.includes(n)));
    return zipSync({ ...kept, ...changes });
  };
  const withModelJson = (edit: (json: Record<string, unknown>) => void): Uint8Array => {
    const json = structuredClone(modelJson);
    edit(json);
    return zipWith({ 'model.json': strToU8(JSON.stringify(json)) });
  };
  const layersOf = (json: Record<string, unknown>) =>
    (json.modelTopology as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } })
      .config.layers;
  const weightSpecs = (json: Record<string, unknown>) =>
    (json.weightsManifest as { weights: { name: string; shape: number[] }[] }[])[0].weights;

  beforeAll(async () => {
    await tf.setBackend('cpu');
    const hp = { ...DEFAULT_HYPERPARAMETERS.dual, hidden: 4, fcUnits: 4, projection: 3 };
    const model = buildModel('dual', hp, { months: 3, days: 7, width: 5 });
    const artifacts = await exportModelArtifacts(model);
    model.dispose();
    const run = { ...makeBundleRun(), kind: 'dual' as const, hyperparameters: hp };
    files = unzipSync(buildBundleZip({ run, ...artifacts }));
    modelJson = JSON.parse(artifacts.modelJson);
  });

  it('reads the untouched bundle the corpus is made from', async () => {
    const bundle = readBundleZip(zipWith({}));
    expect(bundle.manifest.modelKind).toBe('dual');
    const model = await loadModelFromArtifacts(bundle.modelJson, bundle.weights);
    expect(model.inputs.map((i) => i.shape)).toEqual([
      [null, 3, 5],
      [null, 7, 5],
    ]);
    model.dispose();
  });

  it('refuses entry names that climb out of the folder, are absolute, or carry backslashes or drive letters', () => {
    const evil = strToU8('owned');
    const cases: [string, RegExp][] = [
      ['../evil.txt', /"\.\.\/evil\.txt".*climbs out of the folder/],
      ['bundle/../../evil.txt', /climbs out of the folder/],
      ['/etc/cron.d/evil', /absolute path/],
      ['..\\evil.txt', /backslash/],
      ['C:/Windows/evil.dll', /drive letter/],
      ['C:evil.dll', /drive letter/],
    ];
    for (const [name, reason] of cases) {
      expectRefused(zipWith({ [name]: evil }), reason);
      expectRefused(zipWith({ [name]: evil }), /path-traversal name.*Nothing was loaded/);
    }
  });

  it('refuses a zip bomb from its declared sizes, before inflating it', () => {
    // 8 MB of zeros deflate to a few KB: a 1,000-fold ratio no bundle file has.
    const bomb = zipSync({ ...files, 'tag-lab.json': [new Uint8Array(8 * 1024 * 1024), { level: 9 }] });
    expectRefused(
      bomb,
      /"tag-lab\.json" would inflate \d+-fold .* past the 100:1 limit: it looks like a zip bomb/,
    );
    // An entry that declares more than any bundle could hold is refused on its declared size alone.
    const huge = forgeDeclaredSize(zipWith({}), 'README.md', MAX_ENTRY_BYTES + 1);
    expectRefused(huge, new RegExp(`"README.md" would unpack to ${MAX_ENTRY_BYTES + 1} bytes, past the`));
  });

  it('stops inflating an entry that grows past the size it declares', () => {
    // Under the ratio rule's 1 MB floor, so only the running count can catch it: 900 KB of zeros declared as 100 B.
    const liar = forgeDeclaredSize(
      zipWith({ 'notes.txt': [new Uint8Array(900_000), { level: 9 }] }),
      'notes.txt',
      100,
    );
    expectRefused(liar, /"notes\.txt" inflates past the 100 bytes it declares.*inflating was stopped/);
  });

  it('refuses an archive with two entries of the same name', () => {
    // "model.jsoN" renamed in the central directory to "model.json" (same length): which one is the model?
    const dup = zipWith({ 'model.jsoN': files['model.json'] });
    const record = centralRecords(dup).find((r) => r.name === 'model.jsoN');
    if (!record) throw new Error('no model.jsoN');
    dup.set(strToU8('model.json'), record.at + 46);
    expectRefused(dup, /two entries named "model.json"/);
  });

  it('refuses weights whose shapes or byte length do not match model.json', async () => {
    // Same byte count, transposed kernel: only the layer shapes can tell.
    const transposed = withModelJson((json) => {
      const spec = weightSpecs(json).find((w) => w.name === 'fc/kernel');
      if (!spec) throw new Error('no fc/kernel');
      spec.shape = [...spec.shape].reverse();
    });
    expectRefused(
      transposed,
      /weight "fc\/kernel" the shape \[4, 8\], but its layer takes \[8, 4\].*nothing was loaded/,
    );
    expectRefused(
      withModelJson((json) => {
        weightSpecs(json).find((w) => w.name === 'output/bias')!.name = 'output/gamma';
      }),
      /lists weight "output\/gamma", which none of its layers has/,
    );
    expectRefused(
      zipWith({ 'weights.bin': files['weights.bin'].subarray(4) }),
      /weights.bin holds \d+ bytes but model.json describes \d+/,
    );
    expectRefused(
      withModelJson((json) => {
        weightSpecs(json)[0].shape = [-4, 2];
      }),
      /shape \[-4,2\]: not a list of whole numbers/,
    );
  });

  it('refuses layer classes Tag Lab does not build, also nested inside a wrapper', () => {
    expectRefused(
      withModelJson((json) => {
        const dense = layersOf(json).find((l) => l.class_name === 'Dense');
        if (dense) dense.class_name = 'Lambda';
      }),
      /layer class "Lambda", which Tag Lab does not build; refused, nothing loaded/,
    );
    expectRefused(
      withModelJson((json) => {
        const wrapper = layersOf(json).find((l) => l.class_name === 'TimeDistributed');
        (wrapper?.config.layer as { class_name: string }).class_name = 'EvilLayer';
      }),
      /layer class "EvilLayer"/,
    );
  });

  it('refuses a manifest that does not validate or does not belong to model.json', () => {
    const manifest = JSON.parse(strFromU8(files['tag-lab.json']));
    const withManifest = (patch: object) =>
      zipWith({ 'tag-lab.json': strToU8(JSON.stringify({ ...manifest, ...patch })) });
    expectRefused(withManifest({ run: { name: 'no id' } }), /holds no run record/);
    expectRefused(withManifest({ rules: null }), /lacks the rules or the hyperparameters/);
    expectRefused(
      withManifest({ featureSpec: { ...manifest.featureSpec, vocabulary: [1, 2, 3, 4] } }),
      /no usable featureSpec/,
    );
    expectRefused(
      withManifest({ featureSpec: { ...manifest.featureSpec, months: 1e9 } }),
      /asks for 1000000000 months/,
    );
    expectRefused(
      withManifest({ featureSpec: { ...manifest.featureSpec, months: 12 } }),
      /input "monthly" takes \[3, 5\] but tag-lab.json's feature spec builds \[12, 5\]/,
    );
    expectRefused(zipWith({ 'tag-lab.json': strToU8('{"format": ') }), /tag-lab.json is not valid JSON/);
  });
});
