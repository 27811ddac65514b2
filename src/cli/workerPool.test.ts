import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportModelArtifacts } from '../core/bundle';
import { buildFeatureSpec, specWidth } from '../core/features';
import { buildModel } from '../core/models';
import { DEFAULT_HYPERPARAMETERS } from '../core/models';
import { scoreStore } from '../core/runs';
import { generateDemo } from '../core/synthetic';
import { scoreStoreOnPool, startWorkerPool } from './workerPool';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('scoring over worker threads', () => {
  it('gives every user the score the main thread gives, within 1e-5, over two workers', async () => {
    const { store } = generateDemo({ users: 1500, seed: 8 });
    const spec = buildFeatureSpec(store, { topK: 80, days: 30 });
    const kind = 'dual';
    const hp = { ...DEFAULT_HYPERPARAMETERS[kind], hidden: 8, projection: 8 };
    const model = buildModel(kind, hp, { width: specWidth(spec), months: spec.months, days: spec.days });
    const expected = await scoreStore({ model, kind, spec, store });
    const { modelJson, weights } = await exportModelArtifacts(model);
    model.dispose();
    const pool = await startWorkerPool(2, { modelJson, weights, kind, backend: 'cpu' });
    try {
      const scores = await scoreStoreOnPool(pool, store, spec, 2);
      let worst = 0;
      for (let u = 0; u < scores.length; u++) worst = Math.max(worst, Math.abs(scores[u] - expected[u]));
      expect(scores.length).toBe(store.userIds.length);
      expect(worst).toBeLessThan(1e-5);
    } finally {
      await pool.close();
    }
  }, 120_000);
});
