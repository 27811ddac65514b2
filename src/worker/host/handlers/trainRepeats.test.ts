import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RULES, evaluateRules } from '../../../core/labels';
import { DEFAULT_HYPERPARAMETERS } from '../../../core/models';
import { DEFAULT_FEATURE_OPTIONS, DEFAULT_SAMPLING } from '../../../core/runs';
import { generateDemo } from '../../../core/synthetic';
import { createInProcessLab } from '../../inProcessClient';
import type { TrainRunRequest } from '../../protocol/trainMessages';

const lab = createInProcessLab();
afterAll(() => lab.close());
beforeAll(async () => {
  await lab.client.request('data/demo', { users: 400, seed: 8 });
});

const request = (runId: string, index: number): TrainRunRequest => ({
  runId,
  name: runId,
  kind: 'shallow',
  hyperparameters: { ...DEFAULT_HYPERPARAMETERS.shallow, hidden: 8, epochs: 1 },
  backend: 'cpu',
  setup: { rules: DEMO_RULES, sampling: DEFAULT_SAMPLING, features: DEFAULT_FEATURE_OPTIONS },
  group: { id: 'g', mode: 'folds', index, of: 3 },
});

describe('k-fold repeats and curve bands in the worker', () => {
  it('validates each fold run on its own fold, and keeps the group on the record', async () => {
    const labels = evaluateRules(generateDemo({ users: 400, seed: 8 }).store, DEMO_RULES).counts;
    const sizes: number[] = [];
    for (const index of [0, 1, 2]) {
      let validationUsers = -1;
      const record = await lab.client.request('train/run', request(`fold-${index}`, index), {
        onEvent: (e) => {
          if (e.kind === 'train/started') validationUsers = e.payload.validationUsers;
        },
      });
      expect(record.status).toBe('done');
      expect(record.group).toEqual({ id: 'g', mode: 'folds', index, of: 3 });
      sizes.push(validationUsers);
    }
    // three folds hold every labelled user once, whatever the validation share says
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(labels.positive + labels.negative);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(2);
  }, 120_000);

  it('sends ROC and PR curves with their 95% bootstrap bands, computed in the worker', async () => {
    const [curves] = await lab.client.request('compare/curves', { runIds: ['fold-0'] });
    for (const band of [curves.rocBand!, curves.prBand!]) {
      expect(band.resamples).toBe(1000);
      expect(band.x).toHaveLength(51);
      band.x.forEach((_, j) => {
        expect(band.lo[j]).toBeGreaterThanOrEqual(0);
        expect(band.lo[j]).toBeLessThanOrEqual(band.hi[j]);
        expect(band.hi[j]).toBeLessThanOrEqual(1);
      });
    }
    // the ROC band runs from (0, ·) to (1, 1), and has width somewhere (a validation fold is small)
    expect(curves.rocBand!.hi.at(-1)).toBe(1);
    expect(Math.max(...curves.rocBand!.hi.map((h, j) => h - curves.rocBand!.lo[j]))).toBeGreaterThan(0.05);
  });
});
