import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isAbortError } from '../events/abort';
import { buildFeatureSpec, specWidth } from '../features';
import { buildModel } from '../models/build';
import { DEFAULT_HYPERPARAMETERS } from '../models/hyperparameters';
import { generateDemo } from '../synthetic';
import { scoreStore } from './scoring';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// 2,500 users: three chunks of 1,024 between pauses
const store = generateDemo({ users: 2500, seed: 5, months: 6 }).store;
const spec = buildFeatureSpec(store, { topK: 20, months: 6, days: 14, maskedCategories: [] });
const model = buildModel(
  'shallow',
  { ...DEFAULT_HYPERPARAMETERS.shallow, hidden: 4 },
  { width: specWidth(spec), months: spec.months, days: spec.days },
);

describe('scoreStore with cancel hooks', () => {
  it('pauses between chunks and gives the same scores as the uncancellable loop', async () => {
    let pauses = 0;
    const plain = await scoreStore({ model, kind: 'shallow', spec, store });
    const paused = await scoreStore({
      model,
      kind: 'shallow',
      spec,
      store,
      cancel: { yieldEvery: async () => void pauses++ },
    });
    expect(pauses).toBe(3);
    expect(Array.from(paused)).toEqual(Array.from(plain));
  });

  it('stops at the pause after an abort: no further chunk is scored', async () => {
    const controller = new AbortController();
    const progress: number[] = [];
    const error = await scoreStore({
      model,
      kind: 'shallow',
      spec,
      store,
      onProgress: (done) => progress.push(done),
      cancel: { signal: controller.signal, yieldEvery: async () => controller.abort() },
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isAbortError(error)).toBe(true);
    expect((error as Error).message).toBe('Scoring was cancelled.');
    expect(progress).toEqual([1024]);
  });
});
