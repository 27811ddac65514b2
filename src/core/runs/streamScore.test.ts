import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFeatureSpec, specWidth } from '../features';
import { FEATURE_ROWS_HEADER, formatFeatureRow, forEachFeatureRow } from '../features/sparseRows';
import { buildModel } from '../models/build';
import { DEFAULT_HYPERPARAMETERS } from '../models/hyperparameters';
import type { ModelKind } from '../models/types';
import { generateDemo } from '../synthetic';
import { createFastTrainer } from '../training/trainers';
import { scoreStore } from './scoring';
import { StreamLineError, scoreFeatureStream } from './streamScore';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const world = generateDemo({ users: 300, seed: 21 });
const store = world.store;
const spec = buildFeatureSpec(store, { topK: 60, months: 18, days: 30, maskedCategories: ['cosmetics'] });

function featureLines(): string[] {
  const lines = [FEATURE_ROWS_HEADER];
  forEachFeatureRow(store, spec, (row) => lines.push(formatFeatureRow(row)));
  return lines;
}

async function* slowly(lines: string[]): AsyncIterable<string> {
  for (const line of lines) yield line;
}

function modelFor(kind: ModelKind): tf.LayersModel {
  const hp = { ...DEFAULT_HYPERPARAMETERS[kind], hidden: 8, projection: 8 };
  return buildModel(kind, hp, { width: specWidth(spec), months: spec.months, days: spec.days });
}

describe('scoreFeatureStream', () => {
  for (const kind of ['shallow', 'dual'] as const)
    it(`gives the normal scores within 1e-5 from the sparse rows (${kind})`, async () => {
      const model = modelFor(kind);
      const trainer = createFastTrainer(model, kind, { ...DEFAULT_HYPERPARAMETERS[kind], dropout: 0 });
      try {
        const normal = await scoreStore({ model, kind, spec, store });
        const out: string[] = [];
        const summary = await scoreFeatureStream(slowly(featureLines()), {
          spec,
          predict: (batch) => trainer.predict(batch),
          write: (chunk) => void out.push(chunk),
          batchUsers: 37,
        });
        const lines = out.join('').trim().split('\n');
        expect(summary.users).toBe(lines.length);
        expect(lines.length).toBeGreaterThan(250);
        const index = new Map(store.userIds.map((id, u) => [id, u]));
        let worst = 0;
        for (const line of lines) {
          const [id, score, tag] = line.split(',');
          const u = index.get(id)!;
          worst = Math.max(worst, Math.abs(Number(score) - normal[u]));
          expect(tag).toBe(normal[u] >= 0.5 ? '1' : '0');
        }
        expect(worst).toBeLessThan(1e-5);
      } finally {
        trainer.dispose();
        model.dispose();
      }
    });

  it('stops at a malformed line with its number, after writing every user before it', async () => {
    const lines = featureLines();
    const bad = 400;
    const badUser = lines[bad - 1].split(',')[0];
    lines[bad - 1] = `${badUser},purchase,seven,123,1`;
    const before = new Set(lines.slice(1, bad - 1).map((l) => l.split(',')[0]));
    expect(before.has(badUser)).toBe(true);
    const out: string[] = [];
    const run = scoreFeatureStream(lines, {
      spec,
      predict: (batch) => new Float32Array(batch.users.length).fill(0.25),
      write: (chunk) => void out.push(chunk),
      batchUsers: 16,
    });
    await expect(run).rejects.toThrow(StreamLineError);
    await expect(run).rejects.toThrow(
      new RegExp(`^Line ${bad}: period must be a whole number.*up to "${badUser}" was written`),
    );
    const written = out
      .join('')
      .trim()
      .split('\n')
      .map((l) => l.split(',')[0]);
    expect(written).toEqual([...before]);
  });

  it('refuses rows that are not grouped by user', async () => {
    const rows = ['a,click,0,1,1', 'b,click,0,1,1', 'a,click,1,1,1'];
    await expect(
      scoreFeatureStream(rows, { spec, predict: (b) => new Float32Array(b.users.length), write: () => {} }),
    ).rejects.toThrow(/Line 3: user "a" appears again/);
  });

  it('neutralises user ids a spreadsheet would run as formulas, as the scores file of the page does', async () => {
    const rows = ['"=HYPERLINK(""http://x"")",click,0,1,1', '@SUM(A1),click,0,1,1', 'plain,click,0,1,1'];
    const out: string[] = [];
    await scoreFeatureStream(rows, {
      spec,
      predict: (b) => new Float32Array(b.users.length).fill(0.75),
      write: (chunk) => void out.push(chunk),
    });
    expect(out.join('').split('\n')).toEqual([
      '"\'=HYPERLINK(""http://x"")",0.750000,1',
      '"\'@SUM(A1)",0.750000,1',
      'plain,0.750000,1',
      '',
    ]);
  });
});
